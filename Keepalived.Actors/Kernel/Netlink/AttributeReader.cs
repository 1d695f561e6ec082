namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// Walks the rtattrs of a message payload (or of a nested attribute). A length that runs past
/// the payload or is shorter than the rtattr header stops the walk and sets <see cref="Malformed"/>.
/// </summary>
public ref struct AttributeReader(ReadOnlySpan<byte> attributes)
{
    private ReadOnlySpan<byte> _rest = attributes;

    public bool Malformed { get; private set; }

    public bool TryRead(out NetlinkAttribute attribute)
    {
        attribute = default;
        if (_rest.Length < NetlinkWriter.AttributeHeaderSize)
        {
            Malformed |= _rest.Length != 0;
            return false;
        }
        int length = HostOrder.ReadU16(_rest);
        if (length < NetlinkWriter.AttributeHeaderSize || length > _rest.Length)
        {
            Malformed = true;
            return false;
        }
        var type = (ushort)(HostOrder.ReadU16(_rest[2..]) & NetlinkAttribute.TypeMask);
        attribute = new NetlinkAttribute(type, _rest[NetlinkWriter.AttributeHeaderSize..length]);
        var next = NetlinkMessageHeader.Align(length);
        _rest = next >= _rest.Length ? default : _rest[next..];
        return true;
    }
}
