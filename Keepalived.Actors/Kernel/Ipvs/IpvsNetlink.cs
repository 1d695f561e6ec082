using System.Net.Sockets;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// The IPVS table over a NETLINK_GENERIC socket (keepalived's libipvs). <see cref="Open"/> asks
/// nlctrl for the family id once; every request then carries a fresh sequence number and its
/// answer is the message with that number and our port id (a late answer to a request that
/// timed out is skipped). Changes ask for an ACK (NLMSG_ERROR 0 or -errno); dumps are read
/// until NLMSG_DONE. Calls wait synchronously, each bounded by <see cref="Timeout"/>: a round
/// trip costs tens of microseconds, as keepalived's blocking libnl calls. Not thread-safe.
/// </summary>
public sealed class IpvsNetlink : IIpvsKernel
{
    private const int RequestBufferSize = 4096;
    // a dump datagram is at most 32 KiB (netlink's max_recvmsg_len); room to spare
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly byte[] _request = new byte[RequestBufferSize];
    private readonly byte[] _receive = new byte[ReceiveBufferSize];
    private NetlinkSocket? _socket;
    private ushort _family;
    private uint _sequence = (uint)Environment.TickCount;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The family id nlctrl gave for "IPVS" (0 before <see cref="Open"/>).</summary>
    public ushort Family => _family;

    public void Open()
    {
        _socket ??= new NetlinkSocket(GenericNetlink.Protocol);
        var writer = new NetlinkWriter(_request);
        var length = GenericNetlink.WriteGetFamily(ref writer, IpvsAttribute.FamilyName, ++_sequence);
        ushort family = 0;
        Exchange(length, "CTRL_CMD_GETFAMILY IPVS", (in NetlinkMessage m) =>
        {
            if (m.TryReadError(out var errno, out var text))
                throw new ErrnoException(text is null ? "CTRL_CMD_GETFAMILY IPVS" : $"CTRL_CMD_GETFAMILY IPVS ({text})",
                    errno == Errno.None ? Errno.EIO : errno);
            return GenericNetlink.TryReadFamilyId(m, out family);
        });
        _family = family;
    }

    public IReadOnlyList<IpvsActor.DesiredService> Dump(IReadOnlyCollection<IpvsService>? only = null)
    {
        var services = only is null ? DumpServices() : Present(only);
        var table = new List<IpvsActor.DesiredService>(services.Count);
        foreach (var service in services)
        {
            var destinations = new List<IpvsDestination>();
            // most destinations of an idle table have none: no map for them
            Dictionary<IpvsDestinationKey, uint>? active = null;
            try
            {
                DumpInto(w => IpvsRequest.DumpDestinations(ref w, Family, service, _sequence),
                    $"GET_DEST dump {IpvsServiceKey.Of(service)}", (in NetlinkMessage m) =>
                    {
                        if (!IpvsReply.TryReadDestination(m, out var d, out var connections, service.Family)) return;
                        destinations.Add(d);
                        if (connections > 0) (active ??= [])[IpvsDestinationKey.Of(d)] = connections;
                    });
            }
            catch (ErrnoException e) when (e.Errno is Errno.ESRCH or Errno.ENOENT)
            {
                continue; // deleted between the two reads
            }
            table.Add(active is null
                ? new IpvsActor.DesiredService(service, destinations)
                : new IpvsActor.DesiredService(service, destinations) { ActiveConnections = active });
        }
        return table;
    }

    private List<IpvsService> DumpServices()
    {
        var services = new List<IpvsService>();
        DumpInto(w => IpvsRequest.DumpServices(ref w, Family, _sequence), "GET_SERVICE dump", (in NetlinkMessage m) =>
        {
            if (IpvsReply.TryReadService(m, out var s)) services.Add(s);
        });
        return services;
    }

    /// <summary>The kernel's version of each of <paramref name="wanted"/> it has (GET_SERVICE answers ESRCH for the others).</summary>
    private List<IpvsService> Present(IReadOnlyCollection<IpvsService> wanted)
    {
        var services = new List<IpvsService>(wanted.Count);
        foreach (var service in wanted)
        {
            var writer = new NetlinkWriter(_request);
            var length = IpvsRequest.GetService(ref writer, Family, service, ++_sequence);
            var what = $"GET_SERVICE {IpvsServiceKey.Of(service)}";
            Exchange(length, what, (in NetlinkMessage m) =>
            {
                if (m.TryReadError(out var errno, out var text))
                    return errno is Errno.ESRCH or Errno.ENOENT or Errno.None
                        ? true
                        : throw new ErrnoException(text is null ? what : $"{what} ({text})", errno);
                if (!IpvsReply.TryReadService(m, out var present)) return false;
                services.Add(present);
                return true;
            });
        }
        return services;
    }

    public Errno Apply(IpvsOperation operation)
    {
        var writer = new NetlinkWriter(_request);
        var length = operation.Destination is { } d
            ? IpvsRequest.Destination(ref writer, Family, operation.Command, operation.Service, d, ++_sequence)
            : IpvsRequest.Service(ref writer, Family, operation.Command, operation.Service, ++_sequence);
        return Change(length, operation.ToString());
    }

    public IpvsTimeouts GetTimeouts()
    {
        var writer = new NetlinkWriter(_request);
        var length = IpvsRequest.GetTimeouts(ref writer, Family, ++_sequence);
        IpvsTimeouts timeouts = default;
        Exchange(length, "GET_CONFIG", (in NetlinkMessage m) =>
        {
            if (m.TryReadError(out var errno, out _))
                throw new ErrnoException("GET_CONFIG", errno == Errno.None ? Errno.EIO : errno);
            return IpvsReply.TryReadTimeouts(m, out timeouts);
        });
        return timeouts;
    }

    public Errno SetTimeouts(IpvsTimeouts timeouts)
    {
        var writer = new NetlinkWriter(_request);
        return Change(IpvsRequest.SetTimeouts(ref writer, Family, timeouts, ++_sequence), "SET_CONFIG");
    }

    public Errno SyncDaemon(IpvsSyncDaemon daemon, bool start)
    {
        var writer = new NetlinkWriter(_request);
        return Change(IpvsRequest.SyncDaemon(ref writer, Family, start, daemon, ++_sequence), start ? "NEW_DAEMON" : "DEL_DAEMON");
    }

    public bool LoadModule() => KernelModule.Load("ip_vs");

    public void Dispose() => _socket?.Dispose();

    private NetlinkSocket Socket => _socket ?? throw new InvalidOperationException("IPVS: Open first");

    private delegate bool MessageHandler(in NetlinkMessage message);

    private delegate void DumpHandler(in NetlinkMessage message);

    private delegate int RequestWriter(NetlinkWriter writer);

    /// <summary>Sends a change and returns the errno of its NLMSG_ERROR.</summary>
    private Errno Change(int length, string what)
    {
        var result = Errno.None;
        Exchange(length, what, (in NetlinkMessage m) => m.TryReadError(out result, out _));
        return result;
    }

    /// <summary>Sends the request in the buffer and reads until <paramref name="answer"/> takes a message of ours.</summary>
    private void Exchange(int length, string what, MessageHandler answer) => SendAndRead(length, _sequence, what, answer);

    /// <summary>Sends a dump request (written with the next sequence number) and reads to NLMSG_DONE.</summary>
    private void DumpInto(RequestWriter write, string what, DumpHandler each)
    {
        ++_sequence;
        SendAndRead(write(new NetlinkWriter(_request)), _sequence, what, (in NetlinkMessage message) =>
        {
            if (message.Type == NetlinkMessageType.Done) return true;
            if (message.TryReadError(out var errno, out var text))
                return errno == Errno.None ? true : throw new ErrnoException(text is null ? what : $"{what} ({text})", errno);
            each(message);
            return false;
        });
    }

    /// <summary>Sends the request in the buffer and hands each message of ours to <paramref name="handle"/> until it says it is the last.</summary>
    private void SendAndRead(int length, uint sequence, string what, MessageHandler handle)
    {
        Socket.Send(_request.AsSpan(0, length));
        CancellationTokenSource? deadline = null;
        try
        {
            while (true)
            {
                var received = Receive(what, ref deadline);
                var reader = new NetlinkMessageReader(_receive.AsSpan(0, received));
                while (reader.TryRead(out var message))
                    if (IsOurs(message, sequence) && handle(message))
                        return;
            }
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    private bool IsOurs(in NetlinkMessage message, uint sequence) =>
        message.Header.Sequence == sequence && message.Header.PortId == Socket.PortId;

    /// <summary>
    /// The next datagram. Generic netlink answers within the send (and makes the next part of a
    /// dump within the previous read), so it is nearly always queued: the deadline's timer is
    /// made only when it is not, not for each of the tens of thousands of calls of a start.
    /// </summary>
    private int Receive(string what, ref CancellationTokenSource? deadline)
    {
        if (Socket.TryReceive(_receive, what, out var queued)) return queued;
        deadline ??= new CancellationTokenSource(Timeout);
        return Socket.ReceiveAsync(_receive, what, Timeout, deadline.Token, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }
}
