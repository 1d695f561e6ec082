using System.Net.Sockets;
using Keepalived.Actors.Config.Model;

namespace Keepalived.Actors.Config.Check;

/// <summary>
/// <c>virtual_server ADDR PORT | fwmark N | group NAME { ... }</c> with keepalived's
/// defaults (alloc_vs); the check after parsing fills in scheduler, protocol and
/// forwarding method where keepalived does.
/// </summary>
public sealed class VirtualServer(SourcePosition position)
{
    public SourcePosition Position { get; } = position;

    /// <summary>The address and port (port: the group member number for a group).</summary>
    public InetAddress Address { get; set; } = InetAddress.None;
    /// <summary>fwmark N (0 = not a fwmark service).</summary>
    public uint Fwmark { get; set; }
    public string? GroupName { get; set; }
    /// <summary>The group once linked (after parsing).</summary>
    public VirtualServerGroup? Group { get; set; }
    public AddressFamily Family { get; set; } = AddressFamily.Unspecified;

    /// <summary>lb_algo / lvs_sched; "wlc" when not given.</summary>
    public string? Scheduler { get; set; }
    public ServiceFlags Flags { get; set; }
    public Forwarding Forwarding { get; set; } = Forwarding.Unset;
    /// <summary>persistence_timeout in seconds (0 = not persistent).</summary>
    public uint PersistenceTimeout { get; set; }
    /// <summary>persistence_granularity: an IPv4 netmask, or an IPv6 prefix length (as text).</summary>
    public string? PersistenceGranularity { get; set; }
    public string? PersistenceEngine { get; set; }
    public LvsProtocol Protocol { get; set; }
    public bool HaSuspend { get; set; }
    public bool? SmtpAlert { get; set; }
    public string? VirtualHost { get; set; }
    public string? SnmpName { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan DelayLoop { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>null: not given (the checkers use their delay_loop).</summary>
    public TimeSpan? Warmup { get; set; }
    /// <summary>null: not given (each checker has its own default).</summary>
    public uint? Retry { get; set; }
    public TimeSpan? DelayBeforeRetry { get; set; }
    public bool InhibitOnFailure { get; set; }
    public uint Weight { get; set; } = 1;

    public bool Alpha { get; set; }
    public bool Omega { get; set; }
    public uint Quorum { get; set; } = 1;
    public uint Hysteresis { get; set; }
    public NotifyScript? QuorumUp { get; set; }
    public NotifyScript? QuorumDown { get; set; }

    public RealServer? SorryServer { get; set; }
    public List<RealServer> RealServers { get; } = [];

    /// <summary>FMT_VS: <c>[group]:n</c>, <c>FWM n</c> or <c>[addr]:proto:port</c>.</summary>
    public override string ToString() =>
        GroupName is not null ? $"[{GroupName}]:{Address.Port}"
        : Fwmark != 0 ? $"FWM {Fwmark}"
        : Address.Trio(Protocol);
}

/// <summary>
/// IPVS service flags set by <c>ops</c>, <c>hashed</c>, <c>flag-N</c>, <c>sh-*</c>, <c>mh-*</c>; the
/// values are the kernel's IP_VS_SVC_F_* (linux/ip_vs.h), the u32 of IPVS_SVC_ATTR_FLAGS.
/// </summary>
[Flags]
public enum ServiceFlags
{
    None = 0,
    Persistent = 0x1,
    /// <summary>The kernel sets it on every service in its table (it is masked off when a dump is read).</summary>
    Hashed = 0x2,
    OnePacket = 0x4,
    Sched1 = 0x8,
    Sched2 = 0x10,
    Sched3 = 0x20,
    /// <summary>sh-fallback / mh-fallback (the kernel's SCHED1).</summary>
    Fallback = Sched1,
    /// <summary>sh-port / mh-port (the kernel's SCHED2).</summary>
    Port = Sched2,
}
