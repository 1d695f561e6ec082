using System.Net;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// Leaf actor following the host's own addresses through rtnetlink (keepalived's netlink
/// address monitor, which the checker reads for ha_suspend): subscribers hear
/// <see cref="LocalAddresses"/> at once and whenever the set changes. An event overrun is
/// answered with a fresh dump. Subscribers are kept in <see cref="Subscribers"/>, given to the
/// Props, so a new incarnation tells them again.
/// </summary>
public sealed class AddressWatcherActor : ServiceActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Subscribers _subscribers;
    private readonly Dictionary<(IPAddress Address, int Interface), int> _addresses = [];
    private CancellationTokenSource? _stop;

    public sealed class Subscribers
    {
        internal HashSet<IActorRef> Refs { get; } = [];
    }

    public sealed record Subscribe(IActorRef Subscriber);

    /// <summary>Every address configured on a local interface now.</summary>
    public sealed record LocalAddresses(IReadOnlySet<IPAddress> Addresses);

    private sealed record Dumped(List<NetlinkAddress> All);

    private sealed record Event(NetlinkEvent What);

    private sealed record MonitorFailed(Exception Cause);

    public static Props Props()
    {
        var subscribers = new Subscribers();
        return FactoryProps.Create(() => new AddressWatcherActor(subscribers));
    }

    public AddressWatcherActor(Subscribers subscribers)
    {
        _subscribers = subscribers;
        foreach (var s in subscribers.Refs) Context.Watch(s);
        Receive<Subscribe>(s =>
        {
            if (_subscribers.Refs.Add(s.Subscriber)) Context.Watch(s.Subscriber);
            s.Subscriber.Tell(Current());
        });
        Receive<Dumped>(d => Replace(d.All));
        Receive<Event>(e => OnEvent(e.What));
        Receive<MonitorFailed>(f => throw new IOException("netlink address monitor failed", f.Cause));
        Receive<Terminated>(t => _subscribers.Refs.Remove(t.ActorRef));
        ReceiveAny(Unhandled);
    }

    protected override void PreStart()
    {
        _stop = new CancellationTokenSource();
        // subscribe before dumping, so a change between the two is not missed
        var monitor = new NetlinkMonitor();
        Replace(Dump());
        var (self, token) = (Self, _stop.Token);
        _ = Task.Run(() => Loop(monitor, self, token));
    }

    protected override void PostStop() => _stop?.Cancel();

    private static List<NetlinkAddress> Dump()
    {
        using var netlink = new RtNetlink();
        return netlink.DumpAddressesAsync().GetAwaiter().GetResult();
    }

    private static async Task Loop(NetlinkMonitor monitor, IActorRef self, CancellationToken token)
    {
        using (monitor)
        {
            try
            {
                await foreach (var e in monitor.ReadEventsAsync(token).ConfigureAwait(false))
                    if (e is AddressEvent or NetlinkOverrun) self.Tell(new Event(e));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
            catch (ObjectDisposedException) when (token.IsCancellationRequested) { }
            catch (Exception ex) when (ex is ErrnoException or IOException or System.Net.Sockets.SocketException)
            {
                self.Tell(new MonitorFailed(ex));
            }
        }
    }

    private void OnEvent(NetlinkEvent e)
    {
        switch (e)
        {
            case AddressEvent { Kind: AddressEventKind.Added } added:
                if (_addresses.TryAdd((added.Address.Address, added.Address.InterfaceIndex), 0)) Publish();
                break;
            case AddressEvent removed:
                if (_addresses.Remove((removed.Address.Address, removed.Address.InterfaceIndex))) Publish();
                break;
            case NetlinkOverrun:
                _log.Warning("Netlink address events overran; reading the addresses again");
                var self = Self;
                _ = Task.Run(Dump).PipeTo(self, success: all => new Dumped(all), failure: ex => new MonitorFailed(ex));
                break;
        }
    }

    private void Replace(List<NetlinkAddress> all)
    {
        _addresses.Clear();
        foreach (var a in all) _addresses[(a.Address, a.InterfaceIndex)] = 0;
        Publish();
    }

    private LocalAddresses Current() => new(_addresses.Keys.Select(k => k.Address).ToHashSet());

    private void Publish()
    {
        var current = Current();
        foreach (var s in _subscribers.Refs) s.Tell(current);
    }
}
