using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.EventLoop;
using Keepalived.Actors.Kernel.Libc;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// Leaf actor owning one <see cref="VrrpSocket"/> (an interface, an address family, multicast
/// or unicast). It sends the adverts instances give it, and runs a receive loop that hands each
/// datagram to the instance registered for its VRID (keepalived's vrrp_dispatcher_read);
/// datagrams for no registered VRID are counted and dropped. When the socket fails (the
/// interface went away, say) it is closed and opened again after <see cref="ReopenDelay"/>,
/// keeping the registrations; they are kept in <see cref="Registrations"/>, given to the Props,
/// so an actor made again after a failure routes to the same instances.
/// </summary>
public sealed class VrrpSocketActor : ServiceActor, IWithTimers
{
    public static readonly TimeSpan ReopenDelay = TimeSpan.FromSeconds(1);
    private const int ReceiveBufferLength = 2048;

    private readonly VrrpSocketOptions _options;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<byte, IActorRef> _instances;
    private readonly Dictionary<byte, int> _receiveShares;
    private int _receiveBuffer;
    // read by the receive loop without locking: replaced, never mutated
    private volatile FrozenDictionary<byte, IActorRef> _routes = FrozenDictionary<byte, IActorRef>.Empty;
    private CancellationTokenSource _stop = new();
    private VrrpSocket? _socket;
    private EpollEventLoop? _loop;
    private readonly byte[] _loopBuffer = new byte[ReceiveBufferLength];
    private long _sendErrors;

    /// <summary>
    /// Adverts for <paramref name="Vrid"/> go to <paramref name="Instance"/>, which adds
    /// <paramref name="ReceiveBuffer"/> bytes to the socket's receive buffer (keepalived's
    /// kernel_rx_buf_size / vrrp_rx_bufs_policy; 0: nothing, the kernel's default stays while no instance adds any).
    /// </summary>
    public sealed record Register(byte Vrid, IActorRef Instance, int ReceiveBuffer = 0);

    public sealed record Unregister(byte Vrid, IActorRef Instance);

    /// <summary>Sends <paramref name="Message"/> (a VRRP message with its checksum) from <paramref name="Source"/>.</summary>
    public sealed record Send(byte[] Message, IPAddress Source, IPAddress Destination);

    /// <summary>
    /// A datagram for the instance: for IPv4 <see cref="Data"/> is the whole datagram with its IP
    /// header (the validator checks the header too); for IPv6 only the VRRP message.
    /// <paramref name="ReceivedAt"/>: the system clock's timestamp when it was read from the
    /// socket (null: not known), from which the instance times what the advert starts.
    /// </summary>
    public sealed record Received(byte[] Data, int Length, bool IncludesIpHeader, byte[] SourceBytes, byte[] DestinationBytes,
        int HopLimit, IPAddress Source, long? ReceivedAt = null);

    /// <summary>Asks for the read socket's receive buffer; answered with <see cref="ReceiveBuffer"/>.</summary>
    public sealed record GetReceiveBuffer
    {
        public static readonly GetReceiveBuffer Instance = new();
    }

    /// <summary>
    /// <paramref name="Shares"/>: the instances' shares added up; <paramref name="Kernel"/>: SO_RCVBUF as
    /// the kernel reports it (twice what was set, capped; 0 while the socket is not open).
    /// </summary>
    public sealed record ReceiveBuffer(int Shares, int Kernel);

    /// <summary>The receive loop stopped on an error.</summary>
    private sealed record ReceiveFailed(Exception Cause);

    private sealed record Reopen
    {
        public static readonly Reopen Instance = new();
    }

    /// <summary>What the actor keeps across its incarnations: the instance of each VRID and its receive-buffer share.</summary>
    public sealed class Registrations
    {
        internal Dictionary<byte, IActorRef> Instances { get; } = [];
        internal Dictionary<byte, int> ReceiveShares { get; } = [];
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(VrrpSocketOptions options)
    {
        var registrations = new Registrations();
        return FactoryProps.Create(() => new VrrpSocketActor(options, registrations));
    }

    // read by the receive path (the event loop or the receive thread) to stamp each datagram
    private readonly TimeProvider _clock;

    public VrrpSocketActor(VrrpSocketOptions options, Registrations registrations)
    {
        _options = options;
        _instances = registrations.Instances;
        _receiveShares = registrations.ReceiveShares;
        _routes = _instances.ToFrozenDictionary();
        _clock = ActorClock.Of(Context.System);
        Receive<Register>(r =>
        {
            _instances[r.Vrid] = r.Instance;
            _routes = _instances.ToFrozenDictionary();
            _receiveShares[r.Vrid] = r.ReceiveBuffer;
            SetReceiveBuffer();
        });
        Receive<Unregister>(u =>
        {
            if (_instances.TryGetValue(u.Vrid, out var current) && current.Equals(u.Instance))
            {
                _instances.Remove(u.Vrid);
                _routes = _instances.ToFrozenDictionary();
                _receiveShares.Remove(u.Vrid);
            }
        });
        Receive<Send>(OnSend);
        Receive<Flush>(_ => Sender.Tell(Flushed.Instance, Self));
        Receive<Checkpoint>(_ => Sender.Tell(CheckpointPassed.Instance, Self));
        Receive<GetReceiveBuffer>(_ => Sender.Tell(new ReceiveBuffer(SharesTotal, _socket?.ReceiveBufferSize ?? 0), Self));
        Receive<ReceiveFailed>(f =>
        {
            _log.Warning("VRRP receive on {Interface} failed: {Error}; reopening in {Delay}", _options.Interface, f.Cause.Message, ReopenDelay);
            Close();
            Timers.StartSingleTimer(Reopen.Instance, Reopen.Instance, ReopenDelay);
        });
        Receive<Reopen>(_ => Open());
        ReceiveAny(Unhandled);
    }

    protected override void PreStart() => Open();

    protected override void PostStop() => Close();

    private void Open()
    {
        try
        {
            _socket = new VrrpSocket(_options);
        }
        catch (Exception ex) when (ex is ErrnoException or SocketException or IOException)
        {
            _log.Warning("Cannot open the VRRP socket on {Interface}: {Error}; retrying in {Delay}", _options.Interface, ex.Message, ReopenDelay);
            Timers.StartSingleTimer(Reopen.Instance, Reopen.Instance, ReopenDelay);
            return;
        }
        _log.Info("VRRP socket open on {Interface} ({Family}, {Mode})", _options.Interface,
            _options.Family == AddressFamily.InterNetwork ? "IPv4" : "IPv6", _options.Unicast ? "unicast" : $"multicast {_options.Group}");
        _socket.RehearseSend();
        _receiveBuffer = 0;
        SetReceiveBuffer();
        _stop = new CancellationTokenSource();
        var (socket, self, token) = (_socket, Self, _stop.Token);
        if (ClockScheduler.LoopOf(Context) is { } loop)
        {
            // the loop this actor runs on also watches the socket: one wake-up per advert
            _loop = loop;
            loop.Register(socket.ReadHandle, () => Drain(socket, self));
            return;
        }
        // a thread of its own, blocked in poll: an advert reaches its instance without
        // waiting for a thread-pool thread (the down timer restarts on time)
        new Thread(() =>
        {
            ThreadNice.Set(ThreadNice.Vrrp);
            ReceiveLoop(socket, self, token);
        })
        {
            IsBackground = true,
            Name = $"vrrp-rx-{_options.Interface}",
        }.Start();
    }

    private void Close()
    {
        if (_socket is not null) _loop?.Unregister(_socket.ReadHandle);
        _loop = null;
        _stop.Cancel();
        _socket?.Dispose();
        _socket = null;
        _stop.Dispose();
    }

    /// <summary>
    /// Grows the read socket's SO_RCVBUF to the instances' shares added up. It is never shrunk
    /// (an instance leaving, as in keepalived, where the size is set once at the socket's opening).
    /// </summary>
    private void SetReceiveBuffer()
    {
        var total = SharesTotal;
        if (_socket is null || total <= _receiveBuffer) return;
        try
        {
            _socket.ReceiveBufferSize = total;
            _receiveBuffer = total;
            _log.Debug("VRRP socket on {Interface}: receive buffer {Bytes} bytes asked, {Actual} given", _options.Interface, total, _socket.ReceiveBufferSize);
        }
        catch (SocketException ex)
        {
            _log.Warning("VRRP socket on {Interface}: cannot set the receive buffer to {Bytes}: {Error}", _options.Interface, total, ex.Message);
        }
    }

    private int SharesTotal => (int)Math.Min(_receiveShares.Values.Sum(s => (long)s), int.MaxValue);

    private void OnSend(Send send)
    {
        if (_socket is null) return;
        try
        {
            _socket.Send(send.Message, send.Source, send.Destination);
        }
        catch (ErrnoException ex)
        {
            // the link may be down or the address gone: the instance's trackers deal with that
            if (_sendErrors++ % 100 == 0)
                _log.Warning("VRRP send on {Interface} to {Destination} failed: {Error} ({Count} so far)",
                    _options.Interface, send.Destination, ex.Message, _sendErrors);
        }
    }

    /// <summary>On the event loop: reads what is there without waiting.</summary>
    private void Drain(VrrpSocket socket, IActorRef self)
    {
        try
        {
            while (socket.TryReceive(_loopBuffer, TimeSpan.Zero, out var r)) Route(_loopBuffer, r);
        }
        catch (Exception ex) when (ex is ErrnoException or SocketException or IOException or ObjectDisposedException)
        {
            _loop?.Unregister(socket.ReadHandle);
            self.Tell(new ReceiveFailed(ex));
        }
    }

    private void ReceiveLoop(VrrpSocket socket, IActorRef self, CancellationToken ct)
    {
        var buffer = new byte[ReceiveBufferLength];
        var wait = TimeSpan.FromMilliseconds(250);
        while (!ct.IsCancellationRequested)
        {
            VrrpReceived r;
            try
            {
                if (!socket.TryReceive(buffer, wait, out r)) continue;
            }
            catch (Exception ex) when (ct.IsCancellationRequested && ex is ObjectDisposedException or ErrnoException or SocketException)
            {
                return;
            }
            catch (Exception ex) when (ex is ErrnoException or SocketException or IOException or ObjectDisposedException)
            {
                self.Tell(new ReceiveFailed(ex));
                return;
            }
            Route(buffer, r);
        }
    }

    /// <summary>Hands a datagram to the instance registered for its VRID (a copy: the buffer is reused).</summary>
    private void Route(byte[] buffer, in VrrpReceived r)
    {
        // no instance here has that VRID: not ours, dropped as keepalived drops it
        if (r.Length < 2 || !_routes.TryGetValue(buffer[r.Offset + 1], out var instance)) return;
        // IPv4: hand over the IP header too, so the instance can check TTL and lengths as keepalived does
        var ipv4 = _options.Family == AddressFamily.InterNetwork;
        var start = ipv4 ? 0 : r.Offset;
        var data = buffer.AsSpan(start, r.Offset + r.Length - start).ToArray();
        instance.Tell(new Received(data, data.Length, ipv4, r.Source.GetAddressBytes(), r.Destination.GetAddressBytes(),
            r.TtlHopLimit, r.Source, _clock.GetTimestamp()));
    }
}
