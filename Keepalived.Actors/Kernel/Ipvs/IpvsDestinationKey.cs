using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// The kernel's identity of a destination inside its service (ip_vs_lookup_dest): address and
/// port (the family is the address's). Printed "10.0.0.2:80", "[2001:db8::2]:80".
/// </summary>
public readonly record struct IpvsDestinationKey(IPAddress Address, ushort Port)
{
    public static IpvsDestinationKey Of(in IpvsDestination destination) => new(destination.Address, destination.Port);

    public override string ToString() => Endpoint(Address, Port);

    internal static string Endpoint(IPAddress? address, ushort port) =>
        address?.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
