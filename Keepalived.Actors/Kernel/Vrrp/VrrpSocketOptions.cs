using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// What one <see cref="VrrpSocket"/> is for: an interface, an address family and either the
/// multicast group (224.0.0.18 / ff02::12 unless mcast_dst_ip says otherwise) or unicast peers.
/// </summary>
public sealed record VrrpSocketOptions
{
    public static readonly IPAddress Ipv4Group = IPAddress.Parse("224.0.0.18");
    public static readonly IPAddress Ipv6Group = IPAddress.Parse("ff02::12");

    /// <summary>The interface the instances run on (SO_BINDTODEVICE).</summary>
    public required string Interface { get; init; }

    public required AddressFamily Family { get; init; }

    /// <summary>Unicast peers instead of the multicast group.</summary>
    public bool Unicast { get; init; }

    /// <summary>The group to join and send to (mcast_dst_ip); null for the RFC 5798 group.</summary>
    public IPAddress? MulticastGroup { get; init; }

    /// <summary>
    /// unicast_src_ip: in unicast mode the read socket is bound to it, as keepalived does, so
    /// only adverts addressed to it arrive. Null: any local address.
    /// </summary>
    public IPAddress? UnicastSource { get; init; }

    /// <summary>
    /// unicast_ttl: TTL / hop limit of unicast adverts. Null: 255 for IPv4 (keepalived's default)
    /// and the kernel's unicast hop limit for IPv6 (keepalived sets none then).
    /// </summary>
    public byte? UnicastTtl { get; init; }

    public IPAddress Group =>
        MulticastGroup ?? (Family == AddressFamily.InterNetwork ? Ipv4Group : Ipv6Group);
}
