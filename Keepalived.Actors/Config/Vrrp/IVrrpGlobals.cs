using System.Net;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// The global_defs values the VRRP keywords and checks depend on. The global section provides
/// them; <see cref="VrrpGlobalDefaults"/> gives keepalived's defaults when it does not.
/// </summary>
public interface IVrrpGlobals
{
    /// <summary>dynamic_interfaces: unknown interfaces are accepted (created when they appear).</summary>
    bool DynamicInterfaces { get; }
    /// <summary>enable_script_security.</summary>
    bool ScriptSecurity { get; }
    /// <summary>script_user USER [GROUP]; null when not given.</summary>
    string? ScriptUser { get; }
    string? ScriptGroup { get; }
    /// <summary>script_user was given but could not be resolved.</summary>
    bool ScriptUserFailed { get; }
    /// <summary>vrrp_strict.</summary>
    bool VrrpStrict { get; }
    /// <summary>vrrp_version (2 by default).</summary>
    int VrrpVersion { get; }
    IPAddress McastGroup4 { get; }
    IPAddress McastGroup6 { get; }
    /// <summary>global lvs_sync_daemon interface, if given.</summary>
    string? LvsSyncDaemonInterface { get; }
    TimeSpan GarpMasterDelay { get; }
    uint GarpMasterRepeat { get; }
    TimeSpan GarpMasterRefresh { get; }
    uint GarpMasterRefreshRepeat { get; }
    uint? GarpLowerPrioRepeat { get; }
    TimeSpan? GarpLowerPrioDelay { get; }
    bool LowerPrioNoAdvert { get; }
    bool HigherPrioSendAdvert { get; }
    uint DownTimerAdverts { get; }
    /// <summary>smtp_alert_vrrp, else smtp_alert; null when neither was given.</summary>
    bool? SmtpAlertVrrp { get; }
    bool NotifyPriorityChanges { get; }
    bool SkipCheckAdvAddr { get; }
}

/// <summary>keepalived 2.2.7's global_defs defaults; tests (and the global section) can set any with <c>with</c>/init.</summary>
public sealed record VrrpGlobalDefaults : IVrrpGlobals
{
    public static readonly VrrpGlobalDefaults Instance = new();

    public bool DynamicInterfaces { get; init; }
    public bool ScriptSecurity { get; init; }
    public string? ScriptUser { get; init; }
    public string? ScriptGroup { get; init; }
    public bool ScriptUserFailed { get; init; }
    public bool VrrpStrict { get; init; }
    public int VrrpVersion { get; init; } = 2;
    public IPAddress McastGroup4 { get; init; } = IPAddress.Parse("224.0.0.18");
    public IPAddress McastGroup6 { get; init; } = IPAddress.Parse("ff02::12");
    public string? LvsSyncDaemonInterface { get; init; }
    public TimeSpan GarpMasterDelay { get; init; } = TimeSpan.FromSeconds(5);
    public uint GarpMasterRepeat { get; init; } = 5;
    public TimeSpan GarpMasterRefresh { get; init; } = TimeSpan.Zero;
    public uint GarpMasterRefreshRepeat { get; init; } = 1;
    public uint? GarpLowerPrioRepeat { get; init; }
    public TimeSpan? GarpLowerPrioDelay { get; init; }
    public bool LowerPrioNoAdvert { get; init; }
    public bool HigherPrioSendAdvert { get; init; }
    public uint DownTimerAdverts { get; init; } = 3;
    public bool? SmtpAlertVrrp { get; init; }
    public bool NotifyPriorityChanges { get; init; }
    public bool SkipCheckAdvAddr { get; init; }
}
