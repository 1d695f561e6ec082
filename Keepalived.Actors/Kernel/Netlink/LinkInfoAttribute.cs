namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>IFLA_INFO_* inside IFLA_LINKINFO (linux/if_link.h): the link kind and its own data.</summary>
public enum LinkInfoAttribute : ushort
{
    Kind = 1,
    Data = 2,
}

/// <summary>IFLA_MACVLAN_* inside IFLA_INFO_DATA of a macvlan.</summary>
public enum MacvlanAttribute : ushort
{
    Mode = 1,
}

/// <summary>MACVLAN_MODE_*: private is the mode keepalived's VMACs use (no traffic between macvlans of one parent).</summary>
public enum MacvlanMode : uint
{
    Private = 1,
    Vepa = 2,
    Bridge = 4,
    Passthru = 8,
    Source = 16,
}

/// <summary>IFLA_INET_* / IFLA_INET6_* inside the AF_INET / AF_INET6 nest of IFLA_AF_SPEC.</summary>
public static class AfSpecAttribute
{
    /// <summary>IFLA_INET_CONF: the ipv4 devconf array (nested: one u32 per IPV4_DEVCONF_* id).</summary>
    public const ushort InetConf = 1;

    /// <summary>IFLA_INET6_ADDR_GEN_MODE (u8).</summary>
    public const ushort Inet6AddrGenMode = 8;

    /// <summary>IN6_ADDR_GEN_MODE_NONE: the kernel makes no link-local address of its own.</summary>
    public const byte AddrGenModeNone = 1;
}
