using System.Buffers.Binary;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// PING_CHECK's packets (check_ping.c): an ICMP / ICMPv6 echo request with 128 bytes of data,
/// and the test of what comes back. RFC 792 / RFC 4443 layouts: type, code, checksum,
/// identifier, sequence, data.
/// </summary>
public static class IcmpEcho
{
    public const int HeaderLength = 8;
    /// <summary>check_ping.c sends 128 bytes of data.</summary>
    public const int DataLength = 128;

    private const byte EchoRequestV4 = 8;
    private const byte EchoReplyV4 = 0;
    private const byte EchoRequestV6 = 128;
    private const byte EchoReplyV6 = 129;

    /// <summary>
    /// The echo request. The IPv4 checksum is computed here (a raw socket sends it as is; a
    /// ping socket recomputes it); for ICMPv6 the kernel always computes it (RFC 3542 §3.1).
    /// </summary>
    public static byte[] Request(bool v6, ushort identifier, ushort sequence)
    {
        var packet = new byte[HeaderLength + DataLength];
        packet[0] = v6 ? EchoRequestV6 : EchoRequestV4;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        UdpReply.Filler(DataLength).CopyTo(packet.AsSpan(HeaderLength));
        if (!v6) BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        return packet;
    }

    /// <summary>
    /// True for the echo reply to our request. <paramref name="ipHeader"/>: an IPv4 raw socket
    /// also hands over the IP header. <paramref name="identifier"/> null: a ping socket, whose
    /// identifier the kernel chooses and matches itself.
    /// </summary>
    public static bool IsReply(ReadOnlySpan<byte> packet, bool v6, bool ipHeader, ushort? identifier, ushort sequence)
    {
        if (ipHeader)
        {
            if (packet.Length < 20 || packet[0] >> 4 != 4) return false;
            var headerLength = (packet[0] & 0x0f) * 4;
            if (headerLength < 20 || packet.Length < headerLength) return false;
            packet = packet[headerLength..];
        }
        if (packet.Length < HeaderLength) return false;
        if (packet[0] != (v6 ? EchoReplyV6 : EchoReplyV4) || packet[1] != 0) return false;
        if (identifier is { } id && BinaryPrimitives.ReadUInt16BigEndian(packet[4..]) != id) return false;
        return BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) == sequence;
    }

    /// <summary>RFC 1071: the ones' complement of the ones' complement sum of 16-bit words.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length) sum += (uint)data[i] << 8;
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
