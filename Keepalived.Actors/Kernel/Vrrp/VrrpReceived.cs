using System.Net;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// One received VRRP datagram: the VRRP message is <c>buffer[Offset..(Offset + Length)]</c> of
/// the buffer given to <see cref="VrrpSocket.ReceiveAsync"/> (after the IPv4 header for IPv4,
/// at 0 for IPv6). <see cref="TtlHopLimit"/> is the IPv4 TTL or the IPv6 hop limit (keepalived's
/// rx_ttl_hop_limit, which RFC 5798 §7.1 wants to be 255). The addresses may be shared between
/// calls: do not mutate them.
/// </summary>
public readonly record struct VrrpReceived(
    int Offset,
    int Length,
    IPAddress Source,
    IPAddress Destination,
    int TtlHopLimit,
    int InterfaceIndex);
