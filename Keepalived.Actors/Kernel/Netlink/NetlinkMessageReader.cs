namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// Walks the messages of one received datagram (a multi-part dump packs several). A header
/// whose length is shorter than nlmsghdr or runs past the datagram stops the walk and sets
/// <see cref="Malformed"/>: the caller counts a drop, nothing throws.
/// </summary>
public ref struct NetlinkMessageReader(ReadOnlySpan<byte> datagram)
{
    private ReadOnlySpan<byte> _rest = datagram;

    public bool Malformed { get; private set; }

    public bool TryRead(out NetlinkMessage message)
    {
        message = default;
        if (_rest.Length < NetlinkMessageHeader.Size)
        {
            Malformed |= _rest.Length != 0;
            return false;
        }
        var header = NetlinkMessageHeader.Read(_rest);
        if (header.Length < NetlinkMessageHeader.Size || header.Length > (uint)_rest.Length)
        {
            Malformed = true;
            return false;
        }
        var length = (int)header.Length;
        message = new NetlinkMessage(header, _rest[NetlinkMessageHeader.Size..length]);
        var next = NetlinkMessageHeader.Align(length);
        _rest = next >= _rest.Length ? default : _rest[next..];
        return true;
    }
}
