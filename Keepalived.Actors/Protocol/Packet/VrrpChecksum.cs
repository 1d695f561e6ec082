using System.Buffers.Binary;

namespace Keepalived.Actors.Protocol.Packet;

/// <summary>Computing and verifying the checksum field (bytes 6-7) of a VRRP message.</summary>
public static class VrrpChecksum
{
    public const int FieldOffset = 6;

    /// <summary>
    /// The checksum for <paramref name="message"/> (the whole VRRP message: header, addresses,
    /// VRRPv2 authentication data), computed as if its checksum field were zero.
    /// </summary>
    public static ushort Compute(ReadOnlySpan<byte> message, in VrrpPseudoHeader pseudoHeader)
    {
        var sum = pseudoHeader.Sum(message.Length);
        sum = InternetChecksum.Add(sum, message[..FieldOffset]);
        sum = InternetChecksum.Add(sum, message[(FieldOffset + 2)..]);
        return InternetChecksum.Complement(sum);
    }

    /// <summary>Whether the checksum field of <paramref name="message"/> is right: the sum over everything, field included, is all ones.</summary>
    public static bool Verify(ReadOnlySpan<byte> message, in VrrpPseudoHeader pseudoHeader)
    {
        if (message.Length < VrrpConstants.HeaderLength)
            return false;
        var sum = InternetChecksum.Add(pseudoHeader.Sum(message.Length), message);
        return InternetChecksum.Complement(sum) == 0;
    }

    /// <summary>Computes the checksum and stores it in the message's checksum field.</summary>
    public static ushort Fill(Span<byte> message, in VrrpPseudoHeader pseudoHeader)
    {
        var checksum = Compute(message, pseudoHeader);
        BinaryPrimitives.WriteUInt16BigEndian(message[FieldOffset..], checksum);
        return checksum;
    }
}
