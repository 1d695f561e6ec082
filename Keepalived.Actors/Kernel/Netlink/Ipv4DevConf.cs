namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// IPV4_DEVCONF_* (linux/ip.h): the ids of net.ipv4.conf.IF.* settings as IFLA_INET_CONF
/// carries them, for those keepalived sets on a VMAC and its base interface.
/// </summary>
public enum Ipv4DevConf : ushort
{
    RpFilter = 8,
    ArpFilter = 13,
    ArpIgnore = 19,
    PromoteSecondaries = 20,
    AcceptLocal = 23,
}
