using System.Net;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// The global_defs values the VRRP keywords and checks depend on, as read so far (the global
/// section's model holds them and their defaults: see <see cref="GlobalVrrpSettings"/>).
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
