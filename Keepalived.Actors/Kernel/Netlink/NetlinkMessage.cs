using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>One message of a datagram: its header and the payload after it.</summary>
public readonly ref struct NetlinkMessage(NetlinkMessageHeader header, ReadOnlySpan<byte> payload)
{
    /// <summary>NLMSGERR_ATTR_MSG: the extended-ack text.</summary>
    private const ushort ErrorAttributeMessage = 1;

    public NetlinkMessageHeader Header { get; } = header;
    public ReadOnlySpan<byte> Payload { get; } = payload;

    public NetlinkMessageType Type => Header.Type;

    /// <summary>The attributes after a fixed family header of <paramref name="fixedSize"/> bytes.</summary>
    public AttributeReader Attributes(int fixedSize) =>
        new(Payload.Length > fixedSize ? Payload[NetlinkMessageHeader.Align(fixedSize)..] : default);

    /// <summary>
    /// Reads an NLMSG_ERROR (struct nlmsgerr): <see cref="Errno.None"/> is an ACK. The extended-ack
    /// message, when the kernel sent one, is returned in <paramref name="text"/>. False when the
    /// payload is too short to be an nlmsgerr.
    /// </summary>
    public bool TryReadError(out Errno errno, out string? text)
    {
        errno = Errno.None;
        text = null;
        if (Type != NetlinkMessageType.Error || Payload.Length < 4 + NetlinkMessageHeader.Size)
            return false;
        // the kernel sends the error negated; -INT_MIN cannot occur but must not overflow
        var error = HostOrder.ReadI32(Payload);
        errno = (Errno)(error == int.MinValue ? int.MaxValue : -error);
        if ((Header.Flags & NetlinkFlags.AckTlvs) == 0)
            return true;
        // the echoed request: its header only when capped, all of it otherwise
        var echoed = NetlinkMessageHeader.Size;
        if ((Header.Flags & NetlinkFlags.Capped) == 0)
            echoed = (int)Math.Min((uint)(Payload.Length - 4), HostOrder.ReadU32(Payload[4..]));
        var tlvStart = 4 + NetlinkMessageHeader.Align(echoed);
        if (tlvStart >= Payload.Length)
            return true;
        var attributes = new AttributeReader(Payload[tlvStart..]);
        while (attributes.TryRead(out var a))
            if (a.Type == ErrorAttributeMessage)
                text = a.String();
        return true;
    }
}
