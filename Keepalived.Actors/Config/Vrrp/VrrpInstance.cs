using Keepalived.Actors.Config.Global;
using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// A vrrp_instance block. Values left null are "not given" and take keepalived's default
/// (often from global_defs) when the configuration is completed; the post-parse checks
/// fill in what keepalived's vrrp_complete_instance derives.
/// </summary>
public sealed class VrrpInstance(string name, SourcePosition position)
{
    public const int PriorityOwner = 255;
    public const int PriorityDefault = 100;

    public string Name { get; } = name;
    public SourcePosition Position { get; } = position;

    // Addressing and transport
    public AddressFamily Family { get; set; } = AddressFamily.Unspecified;
    public VrrpState State { get; set; } = VrrpState.Init;
    public string? Interface { get; set; }
    public string? Vrf { get; set; }
    public bool DontTrackPrimary { get; set; }
    public IPAddress? SourceAddress { get; set; }
    public bool TrackSourceAddress { get; set; }
    public IPAddress? MulticastDestination { get; set; }
    public List<UnicastPeer> UnicastPeers { get; } = [];
    /// <summary>A unicast keyword was given (unicast_peer, unicast_src_ip, check_unicast_src, ...).</summary>
    public bool UnicastConfigured { get; set; }
    public bool UnicastFaultNoPeer { get; set; }
    /// <summary>Advertisements go to the unicast peers (decided when the configuration is completed).</summary>
    public bool IsUnicast { get; set; }
    public bool CheckUnicastSource { get; set; }
    /// <summary>old_unicast_checksum: null not given, "" given, "never".</summary>
    public string? OldUnicastChecksum { get; set; }
    /// <summary>-1 = not given (64 for IPv4 once completed).</summary>
    public int UnicastTtl { get; set; } = -1;

    // VMAC / IPVLAN
    public bool UseVmac { get; set; }
    public string? VmacInterfaceName { get; set; }
    public string? VmacMacAddress { get; set; }
    public bool UseVmacAddr { get; set; }
    public bool VmacXmitBase { get; set; }
    public bool UseIpvlan { get; set; }
    public string? IpvlanType { get; set; }
    public string? IpvlanAddress { get; set; }

    // Protocol
    public int VirtualRouterId { get; set; }
    /// <summary>0 = from global_defs vrrp_version (2), 3 for IPv6.</summary>
    public int Version { get; set; }
    /// <summary>0 = not given (255 if state MASTER, else 100, once completed).</summary>
    public int Priority { get; set; }
    /// <summary>Zero = not given (1 second).</summary>
    public TimeSpan AdvertInterval { get; set; }
    public VrrpAuthType AuthType { get; set; }
    public string? AuthPass { get; set; }
    public bool NativeIpv6 { get; set; }
    public bool? Accept { get; set; }
    public bool SkipCheckAdvAddr { get; set; }
    public bool? StrictMode { get; set; }
    public bool NoPreempt { get; set; }
    public TimeSpan PreemptDelay { get; set; }
    public int Debug { get; set; }
    public uint KernelRxBufSize { get; set; }
    public bool LinkbeatUsePolling { get; set; }
    public bool PromoteSecondaries { get; set; }

    // Addresses, routes, rules
    public List<VirtualIpAddress> VirtualAddresses { get; } = [];
    public List<VirtualIpAddress> ExcludedVirtualAddresses { get; } = [];
    public List<IpRoute> VirtualRoutes { get; } = [];
    public List<IpRule> VirtualRules { get; } = [];

    // Tracking
    public List<TrackedItem> Tracks { get; } = [];

    // Notification
    public NotifyScripts Notify { get; } = new();
    public bool NotifyDeleted { get; set; }
    public bool? SmtpAlert { get; set; }
    public bool? NotifyPriorityChanges { get; set; }

    // Gratuitous ARP (null: from global_defs)
    public TimeSpan? GarpMasterDelay { get; set; }
    public TimeSpan? GarpMasterRefresh { get; set; }
    public uint? GarpMasterRepeat { get; set; }
    public uint? GarpMasterRefreshRepeat { get; set; }
    public TimeSpan? GarpLowerPrioDelay { get; set; }
    public uint? GarpLowerPrioRepeat { get; set; }
    public uint? DownTimerAdverts { get; set; }
    public TimeSpan? GarpExtraInterfaceInterval { get; set; }
    public bool GarpExtraInterfaceAll { get; set; }
    public bool? LowerPrioNoAdvert { get; set; }
    public bool? HigherPrioSendAdvert { get; set; }

    /// <summary>The sync group this instance belongs to (set when the configuration is completed).</summary>
    public string? SyncGroup { get; set; }

    public IEnumerable<TrackedItem> TracksOf(TrackKind kind) => Tracks.Where(t => t.Kind == kind);
}
