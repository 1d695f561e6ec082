using Keepalived.Actors.Config.Model;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>A vrrp_sync_group block.</summary>
public sealed class VrrpSyncGroup(string name, SourcePosition position)
{
    public string Name { get; } = name;
    public SourcePosition Position { get; } = position;

    /// <summary>The group { } member names; null when no group block was given.</summary>
    public List<string>? Members { get; set; }

    public List<TrackedItem> Tracks { get; } = [];
    public NotifyScripts Notify { get; } = new();
    /// <summary>null: from global_defs smtp_alert_vrrp / smtp_alert.</summary>
    public bool? SmtpAlert { get; set; }
    public bool TrackingWeight { get; set; }
    public bool? NotifyPriorityChanges { get; set; }
}
