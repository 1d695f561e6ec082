namespace Keepalived.Actors.Config.Vrrp;

/// <summary>What a track_* block can refer to (keepalived's track_interface/script/file/process/bfd).</summary>
public enum TrackKind
{
    Interface,
    Script,
    File,
    Process,
    Bfd,
}

/// <summary>One line of a track_* block of an instance or sync group: the tracked name, its weight, reverse.</summary>
public sealed class TrackedItem(TrackKind kind, string name, int weight, bool reverse)
{
    public TrackKind Kind { get; } = kind;
    public string Name { get; } = name;
    public int Weight { get; set; } = weight;
    public bool Reverse { get; } = reverse;

    public override string ToString() => Reverse ? $"{Name} weight {Weight} reverse" : $"{Name} weight {Weight}";
}
