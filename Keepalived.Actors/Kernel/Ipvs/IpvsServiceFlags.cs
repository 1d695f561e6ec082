namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>IP_VS_SVC_F_* (linux/ip_vs.h), the u32 of IPVS_SVC_ATTR_FLAGS.</summary>
[Flags]
public enum IpvsServiceFlags : uint
{
    None = 0,
    Persistent = 0x1,
    /// <summary>Set by the kernel on every service in its table; never part of a configuration.</summary>
    Hashed = 0x2,
    OnePacket = 0x4,
    /// <summary>sh-fallback / mh-fallback.</summary>
    Sched1 = 0x8,
    /// <summary>sh-port / mh-port.</summary>
    Sched2 = 0x10,
    Sched3 = 0x20,
}
