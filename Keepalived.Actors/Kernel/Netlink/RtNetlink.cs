using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// The request socket (keepalived's nl_cmd): adds and deletes addresses, routes and rules,
/// and dumps links and addresses. Each request waits for its own ACK or error (matched by
/// sequence number and port id, so a late answer to a timed-out request is skipped) and
/// gives up after <see cref="Timeout"/>. Requests are serialised; the socket belongs to the
/// network namespace of the thread that created this object.
/// </summary>
public sealed partial class RtNetlink : IDisposable
{
    private const int RequestBufferSize = 4096;
    // a dump datagram is at most 32 KiB (netlink's max_recvmsg_len); room to spare
    private const int ReceiveBufferSize = 64 * 1024;
    private const int DumpAttempts = 3;
    /// <summary>RTEXT_FILTER_SKIP_STATS: link dumps without the counters.</summary>
    private const uint SkipStats = 8;

    private readonly NetlinkSocket _socket = new();
    private readonly byte[] _request = new byte[RequestBufferSize];
    private readonly byte[] _receive = new byte[ReceiveBufferSize];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private uint _sequence = (uint)Environment.TickCount;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public uint PortId => _socket.PortId;

    /// <summary>Messages skipped: answers to earlier requests, or malformed datagrams.</summary>
    public long SkippedMessages { get; private set; }

    public Task<RtNetlinkResult> AddAddressAsync(VirtualIpAddress address, int interfaceIndex, CancellationToken cancellationToken = default) =>
        AddressAsync(address, interfaceIndex, add: true, cancellationToken);

    public Task<RtNetlinkResult> DeleteAddressAsync(VirtualIpAddress address, int interfaceIndex, CancellationToken cancellationToken = default) =>
        AddressAsync(address, interfaceIndex, add: false, cancellationToken);

    /// <param name="interfaceIndex">Resolves the route's dev names (0 = no such interface: ENODEV).</param>
    public Task<RtNetlinkResult> AddRouteAsync(IpRoute route, Func<string, int> interfaceIndex, CancellationToken cancellationToken = default) =>
        RouteAsync(route, interfaceIndex, add: true, cancellationToken);

    public Task<RtNetlinkResult> DeleteRouteAsync(IpRoute route, Func<string, int> interfaceIndex, CancellationToken cancellationToken = default) =>
        RouteAsync(route, interfaceIndex, add: false, cancellationToken);

    public Task<RtNetlinkResult> AddRuleAsync(IpRule rule, CancellationToken cancellationToken = default) =>
        RuleAsync(rule, add: true, cancellationToken);

    public Task<RtNetlinkResult> DeleteRuleAsync(IpRule rule, CancellationToken cancellationToken = default) =>
        RuleAsync(rule, add: false, cancellationToken);

    /// <summary>Every interface of the namespace (RTM_GETLINK dump).</summary>
    public Task<List<NetlinkLink>> DumpLinksAsync(CancellationToken cancellationToken = default) =>
        DumpAsync(NetlinkMessageType.GetLink, AddressFamily.Unspecified, NetlinkMessageType.NewLink, NetlinkLink.Parse, cancellationToken);

    /// <summary>Every address, or those of one family (RTM_GETADDR dump).</summary>
    public Task<List<NetlinkAddress>> DumpAddressesAsync(AddressFamily family = AddressFamily.Unspecified, CancellationToken cancellationToken = default) =>
        DumpAsync(NetlinkMessageType.GetAddr, family, NetlinkMessageType.NewAddr, NetlinkAddress.Parse, cancellationToken);

    public void Dispose()
    {
        _socket.Dispose();
        _gate.Dispose();
    }

    private Task<RtNetlinkResult> AddressAsync(VirtualIpAddress address, int interfaceIndex, bool add, CancellationToken cancellationToken) =>
        RequestAsync((ref NetlinkWriter w, uint sequence) => AddressMessage.Write(ref w, address, interfaceIndex, add, sequence),
            add, $"{Verb(add)} address {address.Address}/{address.PrefixLength}", cancellationToken);

    private Task<RtNetlinkResult> RouteAsync(IpRoute route, Func<string, int> interfaceIndex, bool add, CancellationToken cancellationToken) =>
        RequestAsync((ref NetlinkWriter w, uint sequence) => RouteMessage.Write(ref w, route, add, sequence, interfaceIndex),
            add, $"{Verb(add)} route {route.DestinationText ?? route.Destination?.ToString()}", cancellationToken);

    private Task<RtNetlinkResult> RuleAsync(IpRule rule, bool add, CancellationToken cancellationToken) =>
        RequestAsync((ref NetlinkWriter w, uint sequence) => RuleMessage.Write(ref w, rule, add, sequence),
            add, $"{Verb(add)} rule preference {rule.Preference}", cancellationToken);

    private delegate void RequestWriter(ref NetlinkWriter writer, uint sequence);

    private async Task<RtNetlinkResult> RequestAsync(RequestWriter write, bool add, string what, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var length = WriteRequest(write);
            return await TalkAsync(length, add, what, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private int WriteRequest(RequestWriter write)
    {
        var writer = new NetlinkWriter(_request);
        write(ref writer, ++_sequence);
        return writer.Length;
    }

    private static string Verb(bool add) => add ? "add" : "delete";

    /// <summary>Sends the request in the buffer and waits for its NLMSG_ERROR (0 = ACK).</summary>
    private async Task<RtNetlinkResult> TalkAsync(int length, bool add, string what, CancellationToken cancellationToken)
    {
        var sequence = _sequence;
        _socket.Send(_request.AsSpan(0, length));
        using var deadline = Deadline(cancellationToken);
        while (true)
        {
            var received = await ReceiveAsync(what, deadline.Token, cancellationToken).ConfigureAwait(false);
            if (FindAnswer(received, sequence, out var errno, out var text))
                return Outcome(errno, add, what, text);
        }
    }

    /// <summary>Looks for the NLMSG_ERROR answering <paramref name="sequence"/> in one datagram.</summary>
    private bool FindAnswer(int received, uint sequence, out Errno errno, out string? text)
    {
        errno = Errno.None;
        text = null;
        var reader = new NetlinkMessageReader(_receive.AsSpan(0, received));
        while (reader.TryRead(out var message))
        {
            if (!IsAnswer(message, sequence) || !message.TryReadError(out errno, out text))
            {
                SkippedMessages++;
                continue;
            }
            return true;
        }
        if (reader.Malformed) SkippedMessages++;
        return false;
    }

    private bool IsAnswer(in NetlinkMessage message, uint sequence) =>
        message.Header.Sequence == sequence && message.Header.PortId == _socket.PortId;

    private static RtNetlinkResult Outcome(Errno errno, bool add, string what, string? text) => errno switch
    {
        Errno.None => RtNetlinkResult.Done,
        Errno.EEXIST when add => RtNetlinkResult.Exists,
        Errno.ESRCH or Errno.ENOENT or Errno.EADDRNOTAVAIL or Errno.ENODEV when !add => RtNetlinkResult.NotFound,
        _ => throw new ErrnoException(text is null ? what : $"{what} ({text})", errno),
    };

    private delegate T? MessageParser<T>(in NetlinkMessage message) where T : class;

    private async Task<List<T>> DumpAsync<T>(NetlinkMessageType request, AddressFamily family, NetlinkMessageType answer,
        MessageParser<T> parse, CancellationToken cancellationToken) where T : class
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = new List<T>();
            // a dump the kernel marks interrupted (the table changed under it) is started again
            for (var attempt = 1; ; attempt++)
            {
                results.Clear();
                var length = WriteDumpRequest(request, family, ++_sequence);
                var sequence = _sequence;
                _socket.Send(_request.AsSpan(0, length));
                using var deadline = Deadline(cancellationToken);
                var state = DumpState.More;
                while (state == DumpState.More || state == DumpState.MoreInterrupted)
                {
                    var received = await ReceiveAsync($"dump {request}", deadline.Token, cancellationToken).ConfigureAwait(false);
                    state = ReadDump(received, sequence, answer, parse, results, state, request);
                }
                if (state == DumpState.Done || attempt == DumpAttempts)
                    return results;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private enum DumpState { More, MoreInterrupted, Done, DoneInterrupted }

    private DumpState ReadDump<T>(int received, uint sequence, NetlinkMessageType answer, MessageParser<T> parse,
        List<T> results, DumpState state, NetlinkMessageType request) where T : class
    {
        var interrupted = state == DumpState.MoreInterrupted;
        var reader = new NetlinkMessageReader(_receive.AsSpan(0, received));
        while (reader.TryRead(out var message))
        {
            if (!IsAnswer(message, sequence))
            {
                SkippedMessages++;
                continue;
            }
            interrupted |= (message.Header.Flags & NetlinkFlags.DumpInterrupted) != 0;
            if (message.Type == NetlinkMessageType.Done)
                return interrupted ? DumpState.DoneInterrupted : DumpState.Done;
            if (message.TryReadError(out var errno, out var text))
                throw new ErrnoException(text is null ? $"dump {request}" : $"dump {request} ({text})", errno == Errno.None ? Errno.EIO : errno);
            if (message.Type == answer && parse(message) is { } item)
                results.Add(item);
            else
                SkippedMessages++;
        }
        if (reader.Malformed) SkippedMessages++;
        return interrupted ? DumpState.MoreInterrupted : DumpState.More;
    }

    private int WriteDumpRequest(NetlinkMessageType request, AddressFamily family, uint sequence)
    {
        var writer = new NetlinkWriter(_request);
        writer.BeginMessage(request, NetlinkFlags.Request | NetlinkFlags.Dump, sequence);
        var af = family == AddressFamily.Unspecified ? (byte)0 : AddressMessage.Family(family);
        if (request == NetlinkMessageType.GetLink)
        {
            writer.Write(new IfInfoMsg(af, 0, 0, InterfaceFlags.None, 0));
            writer.AttributeU32((ushort)LinkAttribute.ExtMask, SkipStats);
        }
        else
        {
            writer.Write(new IfAddrMsg(af, 0, 0, 0, 0));
        }
        return writer.EndMessage();
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        return deadline;
    }

    private ValueTask<int> ReceiveAsync(string what, CancellationToken deadline, CancellationToken caller) =>
        _socket.ReceiveAsync(_receive, what, Timeout, deadline, caller);
}
