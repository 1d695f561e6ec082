namespace Keepalived.Actors.Config.Vrrp;

/// <summary>A track_file (or deprecated vrrp_track_file) block.</summary>
public sealed class TrackedFile(string name, SourcePosition position)
{
    public string Name { get; } = name;
    public SourcePosition Position { get; } = position;
    public string? File { get; set; }
    /// <summary>1 unless set: keepalived uses 1 to mean "not given".</summary>
    public int Weight { get; set; } = 1;
    public bool WeightReverse { get; set; }
    /// <summary>init_file: create the file with <see cref="InitValue"/> if missing (or always with overwrite).</summary>
    public bool InitFile { get; set; }
    public bool InitOverwrite { get; set; }
    public int InitValue { get; set; }
}
