namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>struct nlmsghdr: every netlink message starts with these 16 bytes.</summary>
public readonly record struct NetlinkMessageHeader(uint Length, NetlinkMessageType Type, ushort Flags, uint Sequence, uint PortId)
{
    public const int Size = 16;

    /// <summary>NLMSG_ALIGN: messages and attributes are padded to 4 bytes.</summary>
    public static int Align(int length) => (length + 3) & ~3;

    public static NetlinkMessageHeader Read(ReadOnlySpan<byte> s) => new(
        HostOrder.ReadU32(s), (NetlinkMessageType)HostOrder.ReadU16(s[4..]), HostOrder.ReadU16(s[6..]),
        HostOrder.ReadU32(s[8..]), HostOrder.ReadU32(s[12..]));

    public void WriteTo(Span<byte> s)
    {
        HostOrder.WriteU32(s, Length);
        HostOrder.WriteU16(s[4..], (ushort)Type);
        HostOrder.WriteU16(s[6..], Flags);
        HostOrder.WriteU32(s[8..], Sequence);
        HostOrder.WriteU32(s[12..], PortId);
    }
}
