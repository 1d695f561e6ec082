using System.Buffers.Binary;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// Netlink headers and integer attributes are in the host's byte order (addresses inside
/// attributes stay in network order). The branch is a JIT-time constant.
/// </summary>
internal static class HostOrder
{
    public static ushort ReadU16(ReadOnlySpan<byte> s) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);

    public static uint ReadU32(ReadOnlySpan<byte> s) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);

    public static int ReadI32(ReadOnlySpan<byte> s) => (int)ReadU32(s);

    public static void WriteU16(Span<byte> s, ushort value)
    {
        if (BitConverter.IsLittleEndian) BinaryPrimitives.WriteUInt16LittleEndian(s, value);
        else BinaryPrimitives.WriteUInt16BigEndian(s, value);
    }

    public static void WriteU32(Span<byte> s, uint value)
    {
        if (BitConverter.IsLittleEndian) BinaryPrimitives.WriteUInt32LittleEndian(s, value);
        else BinaryPrimitives.WriteUInt32BigEndian(s, value);
    }

    public static void WriteU64(Span<byte> s, ulong value)
    {
        if (BitConverter.IsLittleEndian) BinaryPrimitives.WriteUInt64LittleEndian(s, value);
        else BinaryPrimitives.WriteUInt64BigEndian(s, value);
    }
}
