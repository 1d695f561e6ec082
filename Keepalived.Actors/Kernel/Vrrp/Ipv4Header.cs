using System.Buffers.Binary;
using System.Net;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// The IPv4 header keepalived writes in front of an advert (vrrp_build_ip4, sent with IP_HDRINCL)
/// and the checks on a received one. With IP_HDRINCL the kernel fills in the identification
/// (when 0), the total length and the header checksum, so those are left for it.
/// </summary>
internal static class Ipv4Header
{
    public const int Length = 20;

    /// <summary>RFC 5798 §5.1.1.3 / keepalived: internet network control precedence.</summary>
    public const byte VrrpTos = 0xc0;

    public static void WriteVrrp(Span<byte> header, IPAddress source, IPAddress destination, byte ttl, int payloadLength)
    {
        header[0] = 0x45;                       // version 4, IHL 5 (no options)
        header[1] = VrrpTos;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(Length + payloadLength));
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], 0); // id 0 (kernel picks), no fragmentation flags
        header[8] = ttl;
        header[9] = IPPROTO_VRRP;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0);
        source.TryWriteBytes(header[12..16], out _);
        destination.TryWriteBytes(header[16..20], out _);
    }

    /// <summary>
    /// Validates a received datagram's IPv4 header (version, header length, total length within
    /// what arrived) and gives where the payload is.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> datagram, out int payloadOffset, out int payloadLength)
    {
        payloadOffset = payloadLength = 0;
        if (datagram.Length < Length || datagram[0] >> 4 != 4)
            return false;
        int headerLength = (datagram[0] & 0x0f) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (headerLength < Length || totalLength < headerLength || totalLength > datagram.Length)
            return false;
        payloadOffset = headerLength;
        payloadLength = totalLength - headerLength;
        return true;
    }

    public static byte Ttl(ReadOnlySpan<byte> header) => header[8];
    public static ReadOnlySpan<byte> Source(ReadOnlySpan<byte> header) => header[12..16];
    public static ReadOnlySpan<byte> Destination(ReadOnlySpan<byte> header) => header[16..20];
}
