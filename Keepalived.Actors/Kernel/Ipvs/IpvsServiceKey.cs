using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// The kernel's identity of a virtual service (what DEL_SERVICE and GET_DEST name): the fwmark
/// when non-zero, else protocol + address + port, always with the family. Printed as ipvsadm
/// lists it: "TCP 10.0.0.1:80", "UDP [2001:db8::1]:53", "FWM 7" ("FWM 7 IPv6").
/// </summary>
public readonly record struct IpvsServiceKey(AddressFamily Family, IpvsProtocol Protocol, IPAddress? Address, ushort Port, uint FwMark)
{
    public static IpvsServiceKey Of(in IpvsService service) => service.IsFwMark
        ? new IpvsServiceKey(service.Family, IpvsProtocol.None, null, 0, service.FwMark)
        : new IpvsServiceKey(service.Family, service.Protocol, service.Address, service.Port, 0);

    public override string ToString() => FwMark != 0
        ? Family == AddressFamily.InterNetworkV6 ? $"FWM {FwMark} IPv6" : $"FWM {FwMark}"
        : $"{ProtocolName(Protocol)} {IpvsDestinationKey.Endpoint(Address, Port)}";

    private static string ProtocolName(IpvsProtocol protocol) => protocol switch
    {
        IpvsProtocol.Tcp => "TCP",
        IpvsProtocol.Udp => "UDP",
        IpvsProtocol.Sctp => "SCTP",
        _ => $"proto-{(ushort)protocol}",
    };
}
