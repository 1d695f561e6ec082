namespace Keepalived.Actors.Config.Vrrp;

/// <summary>vrrp_track_process param_match.</summary>
public enum ParamMatch
{
    None,
    Exact,
    Initial,
    Partial,
}

/// <summary>A vrrp_track_process block, with keepalived's defaults.</summary>
public sealed class TrackedProcess(string name, SourcePosition position)
{
    public string Name { get; } = name;
    public SourcePosition Position { get; } = position;
    public string? Process { get; set; }
    public List<string> Parameters { get; } = [];
    public ParamMatch ParamMatch { get; set; }
    public int Weight { get; set; }
    public bool WeightReverse { get; set; }
    public int Quorum { get; set; } = 1;
    public uint QuorumMax { get; set; } = uint.MaxValue;
    public TimeSpan TerminateDelay { get; set; }
    public TimeSpan ForkDelay { get; set; }
    public bool FullCommand { get; set; }
}
