using System.Net;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

/// <summary>
/// A tiny in-test "wire" for an election: several machines on one virtual clock; every advert
/// one sends reaches the others at once (multicast, no loss unless a router is cut off), with
/// the sender's primary address and configured interval as the packet would carry them.
/// </summary>
internal sealed class VrrpTestWire
{
    private readonly List<FsmHarness> _routers;
    private readonly HashSet<FsmHarness> _cut = [];

    public VrrpTestWire(params FsmHarness[] routers) => _routers = [.. routers];

    public TimeSpan Now { get; private set; }
    /// <summary>Adverts put on the wire: sender and priority, in order.</summary>
    public List<(FsmHarness From, int Priority, TimeSpan At)> Adverts { get; } = [];

    public void StartAll()
    {
        foreach (var r in _routers)
            Deliver(r, r.Start());
    }

    public void Add(FsmHarness router, bool start = true)
    {
        router.SetTime(Now);
        _routers.Add(router);
        if (start) Deliver(router, router.Start());
    }

    /// <summary>The router neither sends nor receives (its link is cut without it noticing).</summary>
    public void Cut(FsmHarness router, bool cut = true)
    {
        if (cut) _cut.Add(router);
        else _cut.Remove(router);
    }

    /// <summary>Runs an event on one router and puts what it sends on the wire.</summary>
    public void Run(FsmHarness router, Func<FsmHarness, List<VrrpAction>> step) => Deliver(router, step(router));

    public void RunFor(TimeSpan duration) => RunUntil(Now + duration);

    public void RunUntil(TimeSpan until)
    {
        while (true)
        {
            var next = _routers.Where(r => r.NextDue is { } d && d <= until).MinBy(r => r.NextDue!.Value);
            if (next is null) break;
            Now = next.NextDue!.Value;
            foreach (var r in _routers) r.SetTime(Now);
            Deliver(next, next.FireNext(Now)!);
        }
        Now = until;
        foreach (var r in _routers) r.SetTime(Now);
    }

    private void Deliver(FsmHarness from, List<VrrpAction> actions)
    {
        var pending = new Queue<(FsmHarness From, int Priority)>();
        Enqueue(from, actions, pending);
        while (pending.TryDequeue(out var advert))
        {
            Adverts.Add((advert.From, advert.Priority, Now));
            if (_cut.Contains(advert.From)) continue;
            foreach (var to in _routers)
            {
                if (to == advert.From || _cut.Contains(to)) continue;
                var s = advert.From.Machine.Settings;
                var reply = to.Run(VrrpEvent.AdvertReceived(advert.Priority, s.AdvertInterval, s.PrimaryAddress));
                Enqueue(to, reply, pending);
            }
        }
    }

    private static void Enqueue(FsmHarness from, List<VrrpAction> actions, Queue<(FsmHarness, int)> pending)
    {
        foreach (var a in actions)
            if (a.Kind == VrrpActionKind.SendAdvert)
                pending.Enqueue((from, a.Priority));
    }

    public static FsmHarness Router(int priority, string address, Func<VrrpStateMachineSettings, VrrpStateMachineSettings>? configure = null,
        int version = 2, TimeSpan? advertInterval = null) =>
        new(priority, address, version, advertInterval, configure);

    public static IPAddress Ip(string s) => IPAddress.Parse(s);
}
