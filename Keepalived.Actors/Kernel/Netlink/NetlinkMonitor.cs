using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// The event socket (keepalived's nl_kernel): joins RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR and
/// RTNLGRP_IPV6_IFADDR when created, and turns what the kernel multicasts into typed events.
/// Link events are classified against the state last seen for the index, so seed it with a
/// link dump taken after creating the monitor. Dispose ends a pending read (the enumeration
/// then finishes); cancelling the token throws <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class NetlinkMonitor : IDisposable
{
    public const int GroupLink = 1;
    public const int GroupIPv4Address = 5;
    public const int GroupIPv6Address = 9;

    /// <summary>keepalived's default netlink receive buffer for the monitor.</summary>
    public const int DefaultReceiveBufferSize = 1024 * 1024;

    private const int DatagramBufferSize = 64 * 1024;

    private readonly NetlinkSocket _socket = new();
    private readonly byte[] _buffer = new byte[DatagramBufferSize];
    private readonly Dictionary<int, (string Name, bool Up)> _links = [];
    private readonly List<NetlinkEvent> _pending = [];
    private volatile bool _disposed;

    public NetlinkMonitor(int receiveBufferSize = DefaultReceiveBufferSize)
    {
        try
        {
            _socket.SetReceiveBuffer(receiveBufferSize);
            _socket.Join(GroupLink);
            _socket.Join(GroupIPv4Address);
            _socket.Join(GroupIPv6Address);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>Messages that were too short or inconsistent to read (dropped, counted).</summary>
    public long MalformedMessages { get; private set; }

    /// <summary>Replaces the known link state (after a dump, e.g. following an overrun).</summary>
    public void Seed(IEnumerable<NetlinkLink> links)
    {
        lock (_links)
        {
            _links.Clear();
            foreach (var link in links)
                _links[link.Index] = (link.Name, link.IsUp);
        }
    }

    public async IAsyncEnumerable<NetlinkEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var received = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (received == Closed)
                yield break;
            if (received == Overrun)
            {
                yield return NetlinkOverrun.Instance;
                continue;
            }
            _pending.Clear();
            Read(_buffer.AsSpan(0, received), _pending);
            foreach (var e in _pending)
                yield return e;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _socket.Dispose();
    }

    private const int Closed = -1;
    private const int Overrun = -2;

    private async ValueTask<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_disposed)
            return Closed;
        try
        {
            return await _socket.ReceiveAsync(_buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
        {
            return Overrun;
        }
        catch (Exception e) when (_disposed && e is ObjectDisposedException or SocketException or OperationCanceledException)
        {
            return Closed;
        }
    }

    /// <summary>Turns one datagram into events (internal for tests that feed recorded bytes).</summary>
    internal void Read(ReadOnlySpan<byte> datagram, List<NetlinkEvent> events)
    {
        var reader = new NetlinkMessageReader(datagram);
        while (reader.TryRead(out var message))
        {
            NetlinkEvent? e = message.Type switch
            {
                NetlinkMessageType.NewLink or NetlinkMessageType.DelLink => ToLinkEvent(message),
                NetlinkMessageType.NewAddr => NetlinkAddress.Parse(message) is { } a ? new AddressEvent(AddressEventKind.Added, a) : null,
                NetlinkMessageType.DelAddr => NetlinkAddress.Parse(message) is { } a ? new AddressEvent(AddressEventKind.Removed, a) : null,
                _ => null,
            };
            if (e is not null)
                events.Add(e);
            else if (message.Type is >= NetlinkMessageType.NewLink and <= NetlinkMessageType.DelAddr)
                MalformedMessages++;
        }
        if (reader.Malformed)
            MalformedMessages++;
    }

    private LinkEvent? ToLinkEvent(in NetlinkMessage message)
    {
        if (NetlinkLink.Parse(message, out var change) is not { } link)
            return null;
        lock (_links)
        {
            var known = _links.TryGetValue(link.Index, out var previous);
            if (message.Type == NetlinkMessageType.DelLink)
            {
                _links.Remove(link.Index);
                return new LinkEvent(LinkEventKind.Removed, link);
            }
            _links[link.Index] = (link.Name, link.IsUp);
            if (!known)
            {
                // ifi_change ~0 is the kernel announcing a new device; otherwise the bits that changed
                if (change == IfInfoMsg.ChangeAll)
                    return new LinkEvent(LinkEventKind.Added, link);
                var upBits = (uint)(InterfaceFlags.Up | InterfaceFlags.Running);
                return new LinkEvent((change & upBits) != 0 ? UpOrDown(link) : LinkEventKind.Changed, link);
            }
            if (previous.Name != link.Name)
                return new LinkEvent(LinkEventKind.Renamed, link, previous.Name);
            return new LinkEvent(previous.Up != link.IsUp ? UpOrDown(link) : LinkEventKind.Changed, link);
        }
    }

    private static LinkEventKind UpOrDown(NetlinkLink link) => link.IsUp ? LinkEventKind.Up : LinkEventKind.Down;
}
