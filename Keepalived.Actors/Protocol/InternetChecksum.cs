using System.Buffers.Binary;

namespace Keepalived.Actors.Protocol;

/// <summary>
/// The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum.
/// Sums are accumulated in 32 bits so pieces (a pseudo-header, then the message) can be added
/// one after the other; an odd-length piece is padded with a zero byte, so only the last piece
/// may have an odd length.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> as big-endian 16-bit words to <paramref name="sum"/>.</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        ulong acc = sum;
        int i = 0;
        // Four bytes at a time: carries collect in the upper half of the 64-bit accumulator.
        for (; i + 4 <= data.Length; i += 4)
            acc += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        for (; i + 2 <= data.Length; i += 2)
            acc += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            acc += (uint)data[i] << 8;
        return Fold32(acc);
    }

    /// <summary>Adds one 16-bit word.</summary>
    public static uint Add(uint sum, ushort word) => Fold32((ulong)sum + word);

    /// <summary>The checksum field value for a sum: complement of the folded 16-bit sum.</summary>
    public static ushort Complement(uint sum)
    {
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>The checksum of one buffer.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Complement(Add(0, data));

    private static uint Fold32(ulong acc)
    {
        while (acc > 0xFFFF_FFFF)
            acc = (acc & 0xFFFF_FFFF) + (acc >> 32);
        return (uint)acc;
    }
}
