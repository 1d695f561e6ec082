using System.Buffers.Binary;

namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// An IPv4 header (RFC 791) read in place, as IPv4 raw sockets deliver it ahead of the VRRP
/// message: the receive path takes the TTL and the addresses from here, and the send path writes
/// keepalived's (vrrp_build_ip4) with it.
/// </summary>
public readonly ref struct Ipv4Header
{
    public const int MinimumLength = 20;

    /// <summary>RFC 5798 §5.1.1.3 and keepalived: internetwork control, the TOS (and IPv6 traffic class) of adverts.</summary>
    public const byte VrrpTypeOfService = 0xC0;

    private readonly ReadOnlySpan<byte> header;

    private Ipv4Header(ReadOnlySpan<byte> header) => this.header = header;

    /// <summary>The header bytes, options included.</summary>
    public ReadOnlySpan<byte> Bytes => header;
    public int Version => header[0] >> 4;
    /// <summary>IHL × 4: the header length in bytes, options included.</summary>
    public int HeaderLength => (header[0] & 0x0F) * 4;
    public byte TypeOfService => header[1];
    public ushort TotalLength => BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
    public ushort FlagsAndFragmentOffset => BinaryPrimitives.ReadUInt16BigEndian(header[6..]);
    public byte Ttl => header[8];
    public byte Protocol => header[9];
    public ushort HeaderChecksum => BinaryPrimitives.ReadUInt16BigEndian(header[10..]);
    public ReadOnlySpan<byte> Source => header.Slice(12, 4);
    public ReadOnlySpan<byte> Destination => header.Slice(16, 4);

    /// <summary>Whether the header checksum is right (the kernel has checked it before a raw socket sees it; optional).</summary>
    public bool VerifyHeaderChecksum() => InternetChecksum.Compute(header) == 0;

    /// <summary>Reads the header at the start of <paramref name="datagram"/>.</summary>
    public static Ipv4ReadStatus TryRead(ReadOnlySpan<byte> datagram, out Ipv4Header header)
    {
        header = default;
        if (datagram.Length < MinimumLength)
            return Ipv4ReadStatus.TooShort;
        if (datagram[0] >> 4 != 4)
            return Ipv4ReadStatus.NotIpv4;
        var length = (datagram[0] & 0x0F) * 4;
        if (length < MinimumLength)
            return Ipv4ReadStatus.BadHeaderLength;
        if (datagram.Length < length)
            return Ipv4ReadStatus.TooShort;
        header = new Ipv4Header(datagram[..length]);
        return Ipv4ReadStatus.Ok;
    }

    /// <summary>
    /// Reads the header and where its payload is, from the total length: false when the header is
    /// malformed, or the total length falls inside the header or beyond what arrived.
    /// </summary>
    public static bool TryLocatePayload(ReadOnlySpan<byte> datagram, out Ipv4Header header, out int offset, out int length)
    {
        offset = length = 0;
        if (TryRead(datagram, out header) != Ipv4ReadStatus.Ok) return false;
        int total = header.TotalLength;
        if (total < header.HeaderLength || total > datagram.Length) return false;
        offset = header.HeaderLength;
        length = total - offset;
        return true;
    }

    /// <summary>
    /// Writes a 20-byte header without options, checksum filled (raw IP_HDRINCL sends; the kernel
    /// fills in the identification, as keepalived leaves it 0).
    /// </summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> source, ReadOnlySpan<byte> destinationAddress,
        byte protocol, int payloadLength, byte ttl = VrrpConstants.IpTtl, byte typeOfService = VrrpTypeOfService)
    {
        if (source.Length != 4 || destinationAddress.Length != 4)
            throw new ArgumentException("IPv4 addresses are 4 bytes");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadLength, ushort.MaxValue - MinimumLength);
        var h = destination[..MinimumLength];
        h.Clear();
        h[0] = 0x45;
        // keepalived sends id 0, no fragmentation flags
        h[1] = typeOfService;
        BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)(MinimumLength + payloadLength));
        h[8] = ttl;
        h[9] = protocol;
        source.CopyTo(h[12..]);
        destinationAddress.CopyTo(h[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(h[10..], InternetChecksum.Compute(h));
        return MinimumLength;
    }
}
