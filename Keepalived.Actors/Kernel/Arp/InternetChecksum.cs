using System.Buffers.Binary;

namespace Keepalived.Actors.Kernel.Arp;

/// <summary>The RFC 1071 ones' complement sum used by ICMPv6 (RFC 4443 §2.3) and VRRP.</summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running 32-bit sum (an odd length is padded with a zero byte).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (uint)data[i] << 8;
        return sum;
    }

    /// <summary>Folds the carries and complements: the value to put in the checksum field.</summary>
    public static ushort Finish(uint sum)
    {
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
