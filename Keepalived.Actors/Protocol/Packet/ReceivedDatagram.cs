using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// What the receive path knows about one received datagram: the VRRP message as received,
/// the addresses, the TTL / hop limit and, for IPv4 raw sockets, what the IP header and an
/// IPsec AH said. Addresses are 4 or 16 bytes in network order; nothing is copied.
/// </summary>
public readonly ref struct ReceivedDatagram
{
    /// <summary>
    /// A datagram whose VRRP message was delivered without an IP header (IPv6 raw sockets;
    /// tests). <paramref name="hopLimit"/> is -1 when the socket did not report it.
    /// </summary>
    public ReceivedDatagram(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, int hopLimit)
    {
        if (source.Length != destination.Length ||
            (source.Length != VrrpConstants.Ipv4AddressLength && source.Length != VrrpConstants.Ipv6AddressLength))
            throw new ArgumentException($"source and destination must both be 4 or 16 bytes (got {source.Length} and {destination.Length})");
        ArgumentOutOfRangeException.ThrowIfLessThan(hopLimit, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hopLimit, 255);
        Payload = payload;
        Source = source;
        Destination = destination;
        HopLimit = hopLimit;
        IpTotalLength = -1;
        ReceivedLength = payload.Length;
    }

    private ReceivedDatagram(ReadOnlySpan<byte> datagram, Ipv4Header ip, ReadOnlySpan<byte> authenticationHeader)
        : this(datagram[(ip.HeaderLength + authenticationHeader.Length)..], ip.Source, ip.Destination, ip.Ttl)
    {
        AuthenticationHeader = authenticationHeader;
        HasAuthenticationHeader = ip.Protocol == VrrpConstants.IpProtocolAh;
        IpTotalLength = ip.TotalLength;
        ReceivedLength = datagram.Length;
    }

    /// <summary>The VRRP message: everything received after the IP header (and AH).</summary>
    public ReadOnlySpan<byte> Payload { get; }
    public ReadOnlySpan<byte> Source { get; }
    public ReadOnlySpan<byte> Destination { get; }
    /// <summary>IPv4 TTL / IPv6 hop limit, or -1 when not known.</summary>
    public int HopLimit { get; }
    /// <summary>The IPv4 header's protocol was AH (51).</summary>
    public bool HasAuthenticationHeader { get; }
    /// <summary>The IPsec AH (RFC 2402) between the IPv4 header and the VRRP message, if any.</summary>
    public ReadOnlySpan<byte> AuthenticationHeader { get; }
    /// <summary>The IPv4 header's total length, or -1 when no IP header was received.</summary>
    public int IpTotalLength { get; }
    /// <summary>Bytes received, IP header included when there was one.</summary>
    public int ReceivedLength { get; }

    public bool IsIpv6 => Source.Length == VrrpConstants.Ipv6AddressLength;

    /// <summary>
    /// Whether the datagram was sent to a multicast group: 224.0.0.0/4, or ff00::/8 (for
    /// IPv6 the socket layer takes the destination from IPV6_PKTINFO).
    /// </summary>
    public bool IsMulticast => IsIpv6 ? Destination[0] == 0xFF : (Destination[0] & 0xF0) == 0xE0;

    /// <summary>
    /// Splits what an IPv4 raw socket delivered: IP header, then for protocol AH the
    /// 24-byte authentication header keepalived sends, then the VRRP message.
    /// </summary>
    public static Ipv4ReadStatus TryFromIpv4(ReadOnlySpan<byte> datagram, out ReceivedDatagram received)
    {
        received = default;
        var status = Ipv4Header.TryRead(datagram, out var ip);
        if (status != Ipv4ReadStatus.Ok)
            return status;
        var ah = ReadOnlySpan<byte>.Empty;
        if (ip.Protocol == VrrpConstants.IpProtocolAh)
        {
            if (datagram.Length < ip.HeaderLength + IpsecAh.Length)
                return Ipv4ReadStatus.TooShort;
            ah = datagram.Slice(ip.HeaderLength, IpsecAh.Length);
        }
        received = new ReceivedDatagram(datagram, ip, ah);
        return Ipv4ReadStatus.Ok;
    }
}
