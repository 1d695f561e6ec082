using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Config.Model;

/// <summary>The typed result of reading keepalived.conf (and its HOCON overrides).</summary>
public sealed class KeepalivedConfig
{
    /// <summary>global_defs, static_ipaddress/routes/rules, vrrp_script, vrrp_track_process, track_file.</summary>
    public GlobalConfig Global { get; } = new();

    /// <summary>vrrp_sync_group and vrrp_instance.</summary>
    public VrrpConfig Vrrp { get; } = new();

    /// <summary>virtual_server_group, virtual_server with real_server and checkers.</summary>
    public CheckConfig Check { get; } = new();

    /// <summary>Every script any section read, for the script-security check.</summary>
    public List<NotifyScript> Scripts { get; } = [];

    /// <summary>HOCON overrides that were applied, in order, as (path, value, origin).</summary>
    public List<AppliedOverride> Overrides { get; } = [];
}

/// <summary>One HOCON override that changed the configuration.</summary>
public sealed record AppliedOverride(string Path, string Value, string Origin);
