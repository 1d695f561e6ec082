using Keepalived.Actors.Config.Model;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>A vrrp_script block, with keepalived's defaults.</summary>
public sealed class VrrpScript(string name, SourcePosition position)
{
    public const int DefaultWeight = 0;

    public string Name { get; } = name;
    public SourcePosition Position { get; } = position;

    /// <summary>The script's command words; null until <c>script</c> is given.</summary>
    public NotifyScript? Script { get; set; }

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan Timeout { get; set; } = TimeSpan.Zero;
    public int Weight { get; set; } = DefaultWeight;
    public bool WeightReverse { get; set; }
    public int Rise { get; set; } = 1;
    public int Fall { get; set; } = 1;
    public string? User { get; set; }
    public string? Group { get; set; }
    public bool InitFail { get; set; }

    /// <summary>Set by the script security check: the script is not run and no instance tracks it.</summary>
    public bool Disabled { get; set; }
}
