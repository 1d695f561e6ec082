using System.Net;

namespace Keepalived.Actors.Config.Global;

/// <summary>
/// global_defs and the top-level keywords that are not instances: static addresses, routes and
/// rules, track groups, garp groups, linkbeat interfaces, interface delays, bfd instances.
/// Defaults are keepalived 2.2.7's (alloc_global_data / set_vrrp_defaults).
/// </summary>
public sealed class GlobalConfig
{
    // process names and scheduling
    public string? ProcessName { get; set; }
    public string? VrrpProcessName { get; set; }
    public string? CheckerProcessName { get; set; }
    public string? BfdProcessName { get; set; }
    public ProcessScheduling Vrrp { get; } = new();
    public ProcessScheduling Checker { get; } = new();
    public ProcessScheduling Bfd { get; } = new();
    public int MaxAutoPriority { get; set; }
    public TimeSpan MinAutoPriorityDelay { get; set; } = TimeSpan.FromSeconds(1);

    // identity and email
    public string? RouterId { get; set; }
    public List<string> NotificationEmail { get; } = [];
    public string? NotificationEmailFrom { get; set; }
    public string? SmtpServer { get; set; }
    public ushort SmtpPort { get; set; } = 25;
    public string? SmtpHeloName { get; set; }
    /// <summary>Null until set; keepalived uses 30 s once an SMTP server is configured.</summary>
    public TimeSpan? SmtpConnectTimeout { get; set; }
    /// <summary>Null = not set (keepalived's -1).</summary>
    public bool? SmtpAlert { get; set; }
    public bool? SmtpAlertVrrp { get; set; }
    public bool? SmtpAlertChecker { get; set; }
    public bool NoEmailFaults { get; set; }
    public bool CheckerLogAllFailures { get; set; }
    public bool RsInitNotifies { get; set; }
    public bool NoCheckerEmails { get; set; }

    // startup/shutdown scripts and fifos
    public Model.NotifyScript? StartupScript { get; set; }
    public int StartupScriptTimeout { get; set; }
    public Model.NotifyScript? ShutdownScript { get; set; }
    public int ShutdownScriptTimeout { get; set; }
    public NotifyFifo NotifyFifo { get; } = new("");
    public NotifyFifo VrrpNotifyFifo { get; } = new("vrrp_");
    public NotifyFifo LvsNotifyFifo { get; } = new("lvs_");
    public bool VrrpNotifyPriorityChanges { get; set; }
    public bool FifoWriteVrrpStatesOnReload { get; set; }

    // script security
    public string? ScriptUser { get; set; }
    public string? ScriptGroup { get; set; }
    /// <summary>script_user could not be resolved (keepalived's default_user_fail).</summary>
    public bool ScriptUserFailed { get; set; }
    public bool EnableScriptSecurity { get; set; }

    // interfaces
    public bool DynamicInterfaces { get; set; }
    public bool AllowIfChanges { get; set; }
    public string? DefaultInterface { get; set; }
    public bool DisableLocalIgmp { get; set; }
    public bool LinkbeatUsePolling { get; set; }
    /// <summary>Some keyword named an interface that does not exist (keepalived's non_existent_interface_specified).</summary>
    public bool NonExistentInterfaceSpecified { get; set; }

    // LVS
    public uint? LvsTimeoutTcp { get; set; }
    public uint? LvsTimeoutTcpFin { get; set; }
    public uint? LvsTimeoutUdp { get; set; }
    public bool LvsFlush { get; set; }
    /// <summary>null = no flush on stop, "FULL" or "VS".</summary>
    public string? LvsFlushOnStop { get; set; }
    public LvsSyncDaemon? LvsSyncDaemon { get; set; }

    // VRRP globals
    public IPAddress VrrpMcastGroup4 { get; set; } = new([224, 0, 0, 18]);
    public IPAddress VrrpMcastGroup6 { get; set; } = new([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12]);
    public TimeSpan VrrpGarpMasterDelay { get; set; } = TimeSpan.FromSeconds(5);
    public uint VrrpGarpMasterRepeat { get; set; } = 5;
    public TimeSpan VrrpGarpMasterRefresh { get; set; } = TimeSpan.Zero;
    public uint VrrpGarpMasterRefreshRepeat { get; set; } = 1;
    /// <summary>Null = unset (keepalived's PARAMETER_UNSET).</summary>
    public TimeSpan? VrrpGarpLowerPrioDelay { get; set; }
    public uint? VrrpGarpLowerPrioRepeat { get; set; }
    public uint VrrpDownTimerAdverts { get; set; } = 3;
    public TimeSpan VrrpGarpInterval { get; set; } = TimeSpan.Zero;
    public TimeSpan VrrpGnaInterval { get; set; } = TimeSpan.Zero;
    public uint VrrpGarpExtraIfDelay { get; set; }
    public bool VrrpGarpExtraIfAll { get; set; }
    public bool VrrpLowerPrioNoAdvert { get; set; }
    public bool VrrpHigherPrioSendAdvert { get; set; }
    public int VrrpVersion { get; set; } = 2;
    public bool VrrpCheckUnicastSrc { get; set; }
    public bool VrrpSkipCheckAdvAddr { get; set; }
    public bool VrrpStrict { get; set; }
    public TimeSpan VrrpStartupDelay { get; set; } = TimeSpan.Zero;
    public bool LogUnknownVrids { get; set; }
    public string? VmacPrefix { get; set; }
    public string? VmacAddrPrefix { get; set; }
    /// <summary>MTU, ADVERT or a size; null when not set.</summary>
    public string? VrrpRxBufsPolicy { get; set; }
    public uint VrrpRxBufsMultiplier { get; set; } = 3;

    // nftables (this build has nftables, no iptables: vrrp_iptables maps onto nftables)
    public string? NftablesTable { get; set; }
    public int NftablesPriority { get; set; } = -1;
    public bool NftablesIfindex { get; set; }
    public string? NftablesIpvsTable { get; set; }
    public int NftablesIpvsPriority { get; set; } = -1;
    public uint NftablesIpvsStartFwmark { get; set; }
    public bool NftablesCounters { get; set; }

    // netlink buffers: keyword → (size, force)
    public Dictionary<string, uint> NetlinkBufs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, bool> NetlinkBufsForce { get; } = new(StringComparer.Ordinal);

    // SNMP / DBus
    public string? SnmpSocket { get; set; }
    public bool EnableTraps { get; set; }
    public bool EnableSnmpVrrp { get; set; }
    public bool EnableSnmpRfcV2 { get; set; }
    public bool EnableSnmpRfcV3 { get; set; }
    public bool EnableSnmpChecker { get; set; }
    public bool EnableDbus { get; set; }
    public string? DbusServiceName { get; set; }

    // namespaces, instance, process
    public string? NetNamespace { get; set; }
    public string? NetNamespaceIpvs { get; set; }
    public bool NamespaceWithIpsets { get; set; }
    public bool UsePidDir { get; set; }
    public string? Instance { get; set; }
    public uint? ChildWaitTime { get; set; }
    public int? Umask { get; set; }
    public uint? RandomSeed { get; set; }
    public string? ReloadCheckConfig { get; set; }
    public string? ReloadTimeFile { get; set; }
    public bool ReloadRepeat { get; set; }
    public string? ReloadFile { get; set; }
    public string? ConfigSaveDir { get; set; }
    public string? TmpConfigDirectory { get; set; }
    public bool DataUseInstance { get; set; }

    // top-level VRRP-side objects
    public List<VirtualIpAddress> StaticAddresses { get; } = [];
    public List<IpRoute> StaticRoutes { get; } = [];
    public List<IpRule> StaticRules { get; } = [];
    public List<StaticTrackGroup> TrackGroups { get; } = [];
    public List<GarpGroup> GarpGroups { get; } = [];
    public List<LinkbeatInterface> LinkbeatInterfaces { get; } = [];
    public List<InterfaceUpDownDelay> InterfaceUpDownDelays { get; } = [];

    /// <summary>Preference given to the next rule without one (keepalived counts down from 16384 per family).</summary>
    public uint NextRulePriorityIPv4 { get; set; } = 16384;
    public uint NextRulePriorityIPv6 { get; set; } = 16384;
}

/// <summary>Scheduling of one of keepalived's processes (vrrp_/checker_/bfd_ priority, no_swap, rt_priority, cpu_affinity, rlimit_rttime).</summary>
public sealed class ProcessScheduling
{
    /// <summary>nice value, -20..19; 0 = unchanged.</summary>
    public int Priority { get; set; }
    public bool NoSwap { get; set; }
    public int? RealtimePriority { get; set; }
    public List<int> CpuAffinity { get; } = [];
    /// <summary>RLIMIT_RTTIME in microseconds (keepalived's default 10000).</summary>
    public uint RlimitRttime { get; set; } = 10000;
}

/// <summary>A notify FIFO (notify_fifo / vrrp_notify_fifo / lvs_notify_fifo) and its script.</summary>
public sealed class NotifyFifo(string prefix)
{
    public string Prefix { get; } = prefix;
    public string? Name { get; set; }
    public string? User { get; set; }
    public string? Group { get; set; }
    public Model.NotifyScript? Script { get; set; }
}

/// <summary>global_defs lvs_sync_daemon.</summary>
public sealed class LvsSyncDaemon
{
    public required string Interface { get; init; }
    public string? VrrpInstance { get; set; }
    /// <summary>Null = the vrid of the instance.</summary>
    public uint? SyncId { get; set; }
    public ushort? MaxLen { get; set; }
    public ushort? Port { get; set; }
    public byte? Ttl { get; set; }
    public IPAddress? Group { get; set; }
}

/// <summary>track_group NAME { group { VI_1 VI_2 } }.</summary>
public sealed class StaticTrackGroup(string name, SourcePosition position)
{
    public string Name { get; } = name;
    public SourcePosition Position { get; } = position;
    public List<string>? Instances { get; set; }
}

/// <summary>garp_group { garp_interval, gna_interval, interface(s) }.</summary>
public sealed class GarpGroup(SourcePosition position)
{
    public SourcePosition Position { get; } = position;
    public TimeSpan? GarpInterval { get; set; }
    public TimeSpan? GnaInterval { get; set; }
    public List<string> Interfaces { get; } = [];
    /// <summary>Set when the group used an <c>interfaces</c> block (keepalived's aggregation group).</summary>
    public int AggregationGroup { get; set; }
}

/// <summary>One line of linkbeat_interfaces: an interface and how to poll it (MII, ETHTOOL, IOCTL or any).</summary>
public sealed record LinkbeatInterface(string Interface, string? Type);

/// <summary>One line of interface_up_down_delays: interface, up delay, down delay.</summary>
public sealed record InterfaceUpDownDelay(string Interface, TimeSpan UpDelay, TimeSpan DownDelay);
