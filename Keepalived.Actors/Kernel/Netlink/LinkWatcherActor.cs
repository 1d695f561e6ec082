using Keepalived.Actors.Kernel.Libc;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// Leaf actor following link state through rtnetlink events (keepalived's netlink monitor):
/// a watcher of an interface hears <see cref="LinkChanged"/> at once and on every change of
/// its up/running state, and when it appears or disappears. An event overrun (ENOBUFS) is
/// answered with a fresh dump, so no change is lost for good. The watchers and the states they
/// were told are kept in <see cref="Watchers"/>, given to the Props: made again after a failure,
/// the actor tells each watcher what changed while it was gone, and nothing else.
/// </summary>
public sealed class LinkWatcherActor : ServiceActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, bool> _up;
    private readonly Dictionary<string, HashSet<IActorRef>> _watchers;
    private CancellationTokenSource? _stop;

    /// <summary>What the actor keeps across its incarnations: who watches which link, and the link states last told.</summary>
    public sealed class Watchers
    {
        internal Dictionary<string, bool> Up { get; } = new(StringComparer.Ordinal);
        internal Dictionary<string, HashSet<IActorRef>> ByInterface { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Tell <paramref name="Watcher"/> about <paramref name="Interface"/>'s link state from now on.</summary>
    public sealed record Watch(string Interface, IActorRef Watcher);

    /// <summary><paramref name="Up"/>: the link exists and is up and running.</summary>
    public sealed record LinkChanged(string Interface, bool Up);

    private sealed record Links(List<NetlinkLink> All);

    private sealed record Event(NetlinkEvent What);

    private sealed record MonitorFailed(Exception Cause);

    public static Props Props()
    {
        var watchers = new Watchers();
        return FactoryProps.Create(() => new LinkWatcherActor(watchers));
    }

    public LinkWatcherActor(Watchers watchers)
    {
        _up = watchers.Up;
        _watchers = watchers.ByInterface;
        foreach (var watcher in _watchers.Values.SelectMany(w => w).Distinct()) Context.Watch(watcher);
        Receive<Watch>(OnWatch);
        Receive<Links>(l => { foreach (var link in l.All) Set(link.Name, link.IsUp); });
        Receive<Event>(e => OnEvent(e.What));
        Receive<MonitorFailed>(f => throw new IOException("netlink link monitor failed", f.Cause));
        Receive<Terminated>(t => { foreach (var set in _watchers.Values) set.Remove(t.ActorRef); });
        Receive<Flush>(_ => Sender.Tell(Flushed.Instance, Self));
        ReceiveAny(Unhandled);
    }

    protected override void PreStart()
    {
        _stop = new CancellationTokenSource();
        var monitor = new NetlinkMonitor();
        // subscribe before dumping, so a change between the two is not missed
        var links = Dump();
        monitor.Seed(links);
        if (_up.Count == 0)
            foreach (var link in links) _up[link.Name] = link.IsUp;
        else
        {
            // an earlier incarnation's states: what changed meanwhile is told now
            foreach (var gone in _up.Keys.Except(links.Select(l => l.Name), StringComparer.Ordinal).ToList()) Set(gone, false);
            foreach (var link in links) Set(link.Name, link.IsUp);
        }
        var (self, token) = (Self, _stop.Token);
        _ = Task.Run(() => Loop(monitor, self, token));
    }

    protected override void PostStop() => _stop?.Cancel();

    private static List<NetlinkLink> Dump()
    {
        using var netlink = new RtNetlink();
        return netlink.DumpLinksAsync().GetAwaiter().GetResult();
    }

    private static async Task Loop(NetlinkMonitor monitor, IActorRef self, CancellationToken token)
    {
        using (monitor)
        {
            try
            {
                await foreach (var e in monitor.ReadEventsAsync(token).ConfigureAwait(false))
                    self.Tell(new Event(e));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { }
            catch (ObjectDisposedException) when (token.IsCancellationRequested) { }
            catch (Exception ex) when (ex is ErrnoException or IOException or System.Net.Sockets.SocketException)
            {
                self.Tell(new MonitorFailed(ex));
            }
        }
    }

    private void OnWatch(Watch w)
    {
        if (!_watchers.TryGetValue(w.Interface, out var set)) _watchers[w.Interface] = set = [];
        if (set.Add(w.Watcher)) Context.Watch(w.Watcher);
        w.Watcher.Tell(new LinkChanged(w.Interface, _up.GetValueOrDefault(w.Interface)));
    }

    private void OnEvent(NetlinkEvent e)
    {
        switch (e)
        {
            case LinkEvent { Kind: LinkEventKind.Removed } removed:
                Set(removed.Link.Name, false);
                break;
            case LinkEvent { Kind: LinkEventKind.Renamed, PreviousName: { } old } renamed:
                Set(old, false);
                Set(renamed.Link.Name, renamed.Link.IsUp);
                break;
            case LinkEvent link:
                Set(link.Link.Name, link.Link.IsUp);
                break;
            case NetlinkOverrun:
                _log.Warning("Netlink link events overran; reading the link states again");
                var self = Self;
                _ = Task.Run(Dump).PipeTo(self, success: links => new Links(links), failure: ex => new MonitorFailed(ex));
                break;
        }
    }

    private void Set(string name, bool up)
    {
        var known = _up.TryGetValue(name, out var was);
        _up[name] = up;
        if (known && was == up) return;
        _log.Info("Netlink reports {Interface} {State}", name, up ? "up" : "down");
        if (_watchers.TryGetValue(name, out var set))
            foreach (var w in set) w.Tell(new LinkChanged(name, up));
    }
}
