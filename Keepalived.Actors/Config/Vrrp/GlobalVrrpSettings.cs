using System.Net;
using Keepalived.Actors.Config.Global;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>The global_defs values VRRP depends on, read live from the global section's model.</summary>
internal sealed class GlobalVrrpSettings(GlobalConfig g) : IVrrpGlobals
{
    public bool DynamicInterfaces => g.DynamicInterfaces;
    public bool ScriptSecurity => g.EnableScriptSecurity;
    public string? ScriptUser => g.ScriptUser;
    public string? ScriptGroup => g.ScriptGroup;
    public bool ScriptUserFailed => g.ScriptUserFailed;
    public bool VrrpStrict => g.VrrpStrict;
    public int VrrpVersion => g.VrrpVersion;
    public IPAddress McastGroup4 => g.VrrpMcastGroup4;
    public IPAddress McastGroup6 => g.VrrpMcastGroup6;
    public string? LvsSyncDaemonInterface => g.LvsSyncDaemon?.Interface;
    public TimeSpan GarpMasterDelay => g.VrrpGarpMasterDelay;
    public uint GarpMasterRepeat => g.VrrpGarpMasterRepeat;
    public TimeSpan GarpMasterRefresh => g.VrrpGarpMasterRefresh;
    public uint GarpMasterRefreshRepeat => g.VrrpGarpMasterRefreshRepeat;
    public uint? GarpLowerPrioRepeat => g.VrrpGarpLowerPrioRepeat;
    public TimeSpan? GarpLowerPrioDelay => g.VrrpGarpLowerPrioDelay;
    public bool LowerPrioNoAdvert => g.VrrpLowerPrioNoAdvert;
    public bool HigherPrioSendAdvert => g.VrrpHigherPrioSendAdvert;
    public uint DownTimerAdverts => g.VrrpDownTimerAdverts;
    public bool? SmtpAlertVrrp => g.SmtpAlertVrrp ?? g.SmtpAlert;
    public bool NotifyPriorityChanges => g.VrrpNotifyPriorityChanges;
    public bool SkipCheckAdvAddr => g.VrrpSkipCheckAdvAddr;
}
