using Keepalived.Actors.Config.Check;
using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// One IPVS virtual service (struct ip_vs_service_user's netlink form). Its identity is
/// <see cref="FwMark"/> when non-zero, else <see cref="Protocol"/> + <see cref="Address"/> +
/// <see cref="Port"/>, always with <see cref="Family"/>. <see cref="Netmask"/> is the persistence
/// granularity: for IPv4 the mask as a number (255.255.255.0 = 0xFFFFFF00), for IPv6 a prefix
/// length, as the two families mean different things by IPVS_SVC_ATTR_NETMASK.
/// </summary>
public readonly record struct IpvsService(
    AddressFamily Family,
    IpvsProtocol Protocol,
    IPAddress? Address,
    ushort Port,
    uint FwMark,
    string Scheduler,
    ServiceFlags Flags,
    uint Timeout,
    uint Netmask,
    string? PersistenceEngine = null)
{
    /// <summary>The kernel's default granularity: a whole address.</summary>
    public static uint DefaultNetmask(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 128u : 0xFFFFFFFFu;

    /// <summary>A service on address:port, without persistence.</summary>
    public static IpvsService ForAddress(IpvsProtocol protocol, IPAddress address, ushort port, string scheduler) =>
        new(address.AddressFamily, protocol, address, port, 0, scheduler, ServiceFlags.None, 0, DefaultNetmask(address.AddressFamily));

    /// <summary>A fwmark service, without persistence.</summary>
    public static IpvsService ForFwMark(AddressFamily family, uint fwMark, string scheduler) =>
        new(family, IpvsProtocol.None, null, 0, fwMark, scheduler, ServiceFlags.None, 0, DefaultNetmask(family));

    public bool IsFwMark => FwMark != 0;

    /// <summary>Same kernel identity (what DEL and GET_DEST name), whatever the scheduler and flags.</summary>
    public bool SameIdentity(in IpvsService other) =>
        Family == other.Family && FwMark == other.FwMark &&
        (IsFwMark || (Protocol == other.Protocol && Port == other.Port && Equals(Address, other.Address)));
}
