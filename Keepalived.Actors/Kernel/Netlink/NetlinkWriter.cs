using System.Net;
using System.Text;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// Writes netlink messages into a caller's buffer: the nlmsghdr, a fixed family header,
/// then rtattrs (each padded to 4 bytes, nested ones closed with <see cref="EndNested"/>).
/// Lengths are patched in when a message or nest ends; the buffer is never grown. Several
/// messages can follow each other in one buffer (<see cref="AppendMessage"/>), as an
/// nf_tables batch needs.
/// </summary>
public ref struct NetlinkWriter
{
    /// <summary>sizeof(struct rtattr).</summary>
    public const int AttributeHeaderSize = 4;

    /// <summary>NLA_F_NESTED: set on nests by the subsystems that check it (nf_tables).</summary>
    public const ushort NestedFlag = 0x8000;

    private readonly Span<byte> _buffer;
    private int _length;
    private int _messageStart;

    public NetlinkWriter(Span<byte> buffer) => _buffer = buffer;

    /// <summary>Bytes written so far (the message once <see cref="EndMessage"/> has run).</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public readonly int Length => _length;

    /// <summary>Starts the message with its nlmsghdr; nlmsg_len is filled by <see cref="EndMessage"/>.</summary>
    public void BeginMessage(NetlinkMessageType type, ushort flags, uint sequence, uint portId = 0)
    {
        _length = 0;
        AppendMessage((ushort)type, flags, sequence, portId);
    }

    /// <summary>
    /// Starts another message after those already written (a batch); <paramref name="type"/> is
    /// a raw nlmsg_type, as other subsystems number theirs (nfnetlink: subsystem &lt;&lt; 8 | message).
    /// </summary>
    public void AppendMessage(ushort type, ushort flags, uint sequence, uint portId = 0)
    {
        _messageStart = _length;
        new NetlinkMessageHeader(0, (NetlinkMessageType)type, flags, sequence, portId).WriteTo(Reserve(NetlinkMessageHeader.Size));
    }

    /// <summary>Sets nlmsg_len of the current message and returns the bytes written so far.</summary>
    public int EndMessage()
    {
        HostOrder.WriteU32(_buffer[_messageStart..], (uint)(_length - _messageStart));
        return _length;
    }

    /// <summary>Appends <paramref name="size"/> zeroed bytes (padded to 4) and returns them.</summary>
    public Span<byte> Reserve(int size)
    {
        var aligned = NetlinkMessageHeader.Align(size);
        if (aligned > _buffer.Length - _length)
            throw new InvalidOperationException($"netlink message larger than its {_buffer.Length}-byte buffer");
        var span = _buffer.Slice(_length, aligned);
        span.Clear();
        _length += aligned;
        return span[..size];
    }

    public void Write(in IfAddrMsg header) => header.WriteTo(Reserve(IfAddrMsg.Size));

    public void Write(in RtMsg header) => header.WriteTo(Reserve(RtMsg.Size));

    public void Write(in IfInfoMsg header) => header.WriteTo(Reserve(IfInfoMsg.Size));

    public void Write(in FibRuleHdr header) => header.WriteTo(Reserve(FibRuleHdr.Size));

    /// <summary>An rtattr with room for <paramref name="size"/> bytes of value, which it returns.</summary>
    public Span<byte> Attribute(ushort type, int size)
    {
        if (size > ushort.MaxValue - AttributeHeaderSize)
            throw new InvalidOperationException($"netlink attribute {type} too long ({size} bytes)");
        var span = Reserve(AttributeHeaderSize + size);
        HostOrder.WriteU16(span, (ushort)(AttributeHeaderSize + size));
        HostOrder.WriteU16(span[2..], type);
        return span[AttributeHeaderSize..];
    }

    public void Attribute(ushort type, scoped ReadOnlySpan<byte> value) => value.CopyTo(Attribute(type, value.Length));

    public void AttributeU8(ushort type, byte value) => Attribute(type, 1)[0] = value;

    public void AttributeU16(ushort type, ushort value) => HostOrder.WriteU16(Attribute(type, 2), value);

    public void AttributeU32(ushort type, uint value) => HostOrder.WriteU32(Attribute(type, 4), value);

    public void AttributeU64(ushort type, ulong value) => HostOrder.WriteU64(Attribute(type, 8), value);

    /// <summary>A u32 in network order, as nf_tables (and the other nfnetlink subsystems) take integers.</summary>
    public void AttributeU32BigEndian(ushort type, uint value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(Attribute(type, 4), value);

    /// <summary>A string attribute with its terminating NUL (IFA_LABEL, FRA_IIFNAME, ...).</summary>
    public void AttributeString(ushort type, string value, bool terminate = true)
    {
        var size = Encoding.UTF8.GetByteCount(value);
        var span = Attribute(type, size + (terminate ? 1 : 0));
        Encoding.UTF8.GetBytes(value, span);
    }

    /// <summary>An address in network order: 4 bytes for IPv4, 16 for IPv6.</summary>
    public void AttributeAddress(ushort type, IPAddress address)
    {
        var span = Attribute(type, AddressSize(address));
        address.TryWriteBytes(span, out _);
    }

    /// <summary>Opens a nested attribute; pass the result to <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = _length;
        Attribute(type, 0);
        return start;
    }

    /// <summary>Closes a nest (or an rtnexthop, whose length field is also its first u16).</summary>
    public readonly void EndNested(int start) => HostOrder.WriteU16(_buffer[start..], (ushort)(_length - start));

    public static int AddressSize(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 16 : 4;
}
