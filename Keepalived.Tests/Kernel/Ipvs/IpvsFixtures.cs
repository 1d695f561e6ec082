using Keepalived.Actors.Config.Check;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Ipvs;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>The services and destinations the IPVS codec tests share, and their nests' bytes.</summary>
internal static class IpvsFixtures
{
    public const ushort Family = 0x24;

    /// <summary>virtual_server 10.0.0.1 80 { lb_algo wlc persistence_timeout 300 persistence_granularity 255.255.255.0 }.</summary>
    public static readonly IpvsService TcpPersistent = IpvsService.ForAddress(IpvsProtocol.Tcp, IPAddress.Parse("10.0.0.1"), 80, "wlc")
        with { Flags = ServiceFlags.Persistent, Timeout = 300, Netmask = 0xFFFFFF00 };

    public const string TcpPersistentNest =
        "54000100" +
        "06000100" + "02000000" +
        "06000200" + "06000000" +
        "14000300" + "0A000001" + "000000000000000000000000" +
        "06000400" + "00500000" +
        "08000600" + "776C6300" +
        "0C000700" + "01000000" + "FFFFFFFF" +
        "08000800" + "2C010000" +
        "08000900" + "FFFFFF00";

    /// <summary>virtual_server fwmark 7 { lb_algo rr }.</summary>
    public static readonly IpvsService FwMark = IpvsService.ForFwMark(AddressFamily.InterNetwork, 7, "rr");

    public const string FwMarkNest =
        "38000100" +
        "06000100" + "02000000" +
        "08000500" + "07000000" +
        "07000600" + "72720000" +
        "0C000700" + "00000000" + "FFFFFFFF" +
        "08000800" + "00000000" +
        "08000900" + "FFFFFFFF";

    /// <summary>virtual_server 2001:db8::1 443 { lb_algo rr persistence_timeout 60 persistence_granularity 64 }.</summary>
    public static readonly IpvsService Ipv6Persistent = IpvsService.ForAddress(IpvsProtocol.Tcp, IPAddress.Parse("2001:db8::1"), 443, "rr")
        with { Flags = ServiceFlags.Persistent, Timeout = 60, Netmask = 64 };

    public static readonly IpvsDestination DirectRouting = new(IPAddress.Parse("10.0.0.2"), 0, IpvsForwardingMethod.Route, 1);

    public static readonly IpvsDestination Gue = new(IPAddress.Parse("192.168.1.10"), 80, IpvsForwardingMethod.Tunnel, 5,
        UpperThreshold: 100, LowerThreshold: 10, TunnelType: IpvsTunnelType.Gue, TunnelPort: 6080, TunnelFlags: IpvsTunnelFlags.Checksum);
}
