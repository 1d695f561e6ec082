namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// The IPv4 (RFC 768 style) or IPv6 (RFC 8200 §8.1) pseudo-header a VRRPv3 checksum covers:
/// source, destination, upper-layer length and protocol 112. Empty for VRRPv2, whose checksum
/// covers the VRRP message only. For unicast the destination is the peer's address.
/// </summary>
public readonly ref struct VrrpPseudoHeader
{
    public VrrpPseudoHeader(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination)
    {
        if (source.Length != destination.Length ||
            (source.Length != VrrpConstants.Ipv4AddressLength && source.Length != VrrpConstants.Ipv6AddressLength))
            throw new ArgumentException($"pseudo-header addresses must both be 4 or 16 bytes (got {source.Length} and {destination.Length})");
        Source = source;
        Destination = destination;
    }

    public ReadOnlySpan<byte> Source { get; }
    public ReadOnlySpan<byte> Destination { get; }

    /// <summary>No pseudo-header: the checksum covers the VRRP message only.</summary>
    public bool IsEmpty => Source.IsEmpty;

    /// <summary>The checksum without a pseudo-header.</summary>
    public static VrrpPseudoHeader None => default;

    /// <summary>
    /// The pseudo-header the checksum of a message of <paramref name="version"/> covers.
    /// VRRPv2 has none (RFC 3768 §5.3.8). VRRPv3 has one (RFC 5798 §5.2.8), except over IPv4
    /// when <paramref name="v3ChecksumAsV2"/> is set (keepalived's v3_checksum_as_v2, RFC 9568
    /// §5.2.8's note on implementations that omit it). Over IPv6 the kernel always includes it
    /// (IPV6_CHECKSUM), so the option has no effect there.
    /// </summary>
    public static VrrpPseudoHeader For(int version, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, bool v3ChecksumAsV2 = false)
    {
        var ipv6 = source.Length == VrrpConstants.Ipv6AddressLength;
        if (!ipv6 && (version != VrrpConstants.Version3 || v3ChecksumAsV2))
            return None;
        return new VrrpPseudoHeader(source, destination);
    }

    /// <summary>The one's complement sum of this pseudo-header for a VRRP message of <paramref name="vrrpLength"/> bytes.</summary>
    public uint Sum(int vrrpLength)
    {
        if (IsEmpty)
            return 0;
        // Both layouts sum to the same words: zero padding adds nothing, and the length
        // (at most 16 bits here) lands in the low word of IPv6's 32-bit length field.
        var sum = InternetChecksum.Add(0, Source);
        sum = InternetChecksum.Add(sum, Destination);
        sum = InternetChecksum.Add(sum, VrrpConstants.IpProtocolVrrp);
        return InternetChecksum.Add(sum, (ushort)vrrpLength);
    }
}
