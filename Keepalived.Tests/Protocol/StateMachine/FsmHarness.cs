using System.Net;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

/// <summary>
/// Drives one state machine on virtual time the way its actor will: keeps the timers the
/// actions start and cancel, and fires them (with their tags) when time is moved past them.
/// Every call returns the actions it produced; <see cref="Log"/> keeps them all. Unless
/// <see cref="AnswersTakeover"/> is off, a takeover's awaits are answered at once, as by leaves
/// with nothing else to do, so a step returns the whole takeover.
/// </summary>
internal sealed class FsmHarness
{
    private readonly Dictionary<VrrpTimer, (TimeSpan Due, long Tag)> _timers = [];
    private readonly List<VrrpAction> _scratch = [];

    public FsmHarness(VrrpStateMachineSettings settings) => Machine = new VrrpStateMachine(settings);

    public FsmHarness(int priority = 100, string address = "10.199.0.1", int version = 2, TimeSpan? advertInterval = null,
        Func<VrrpStateMachineSettings, VrrpStateMachineSettings>? configure = null)
        : this(Configure(priority, address, version, advertInterval, configure)) { }

    private static VrrpStateMachineSettings Configure(int priority, string address, int version, TimeSpan? advertInterval,
        Func<VrrpStateMachineSettings, VrrpStateMachineSettings>? configure)
    {
        var s = new VrrpStateMachineSettings
        {
            Version = version,
            VirtualRouterId = 51,
            Priority = priority,
            PrimaryAddress = IPAddress.Parse(address),
            AdvertInterval = advertInterval ?? TimeSpan.FromSeconds(1),
        };
        return configure is null ? s : configure(s);
    }

    public VrrpStateMachine Machine { get; }
    public bool AnswersTakeover { get; set; } = true;
    public VrrpState State => Machine.State;
    public TimeSpan Now { get; private set; }
    public List<VrrpAction> Log { get; } = [];
    public IReadOnlyDictionary<VrrpTimer, (TimeSpan Due, long Tag)> Timers => _timers;

    /// <summary>The next time one of this machine's timers fires, if any runs.</summary>
    public TimeSpan? NextDue => _timers.Count == 0 ? null : _timers.Values.Min(t => t.Due);

    public TimeSpan? DueOf(VrrpTimer timer) => _timers.TryGetValue(timer, out var t) ? t.Due : null;

    public List<VrrpAction> Start() => Run(VrrpEvent.Start);
    public List<VrrpAction> Stop() => Run(VrrpEvent.Stop);
    public List<VrrpAction> Fault(bool faulted) => Run(VrrpEvent.FaultChanged(faulted));
    public List<VrrpAction> Priority(int total) => Run(VrrpEvent.PriorityChanged(total));

    public List<VrrpAction> Advert(int priority, string source, TimeSpan? interval = null) =>
        Run(VrrpEvent.AdvertReceived(priority, interval ?? Machine.Settings.AdvertInterval, IPAddress.Parse(source)));

    public List<VrrpAction> Run(in VrrpEvent e)
    {
        _scratch.Clear();
        Machine.Handle(e, Now, _scratch);
        while (AnswersTakeover && _scratch.Count > 0 && _scratch[^1].Kind == VrrpActionKind.Await)
            Machine.Handle(Answer(_scratch[^1].Step), Now, _scratch);
        return Record();
    }

    /// <summary>Moves time forward to <paramref name="until"/>, firing due timers in time order at their due times.</summary>
    public List<VrrpAction> AdvanceTo(TimeSpan until)
    {
        var produced = new List<VrrpAction>();
        while (FireNext(until) is { } fired)
            produced.AddRange(fired);
        Now = until;
        return produced;
    }

    public List<VrrpAction> Advance(TimeSpan by) => AdvanceTo(Now + by);

    /// <summary>Fires the earliest timer due at or before <paramref name="until"/>; null when none.</summary>
    public List<VrrpAction>? FireNext(TimeSpan until)
    {
        if (_timers.Count == 0) return null;
        var (timer, (due, tag)) = _timers.MinBy(t => t.Value.Due);
        if (due > until) return null;
        _timers.Remove(timer);
        Now = due;
        return Run(VrrpEvent.TimerExpired(timer, tag));
    }

    /// <summary>Sets the clock without firing anything (for tests that deliver expiries themselves).</summary>
    public void SetTime(TimeSpan now) => Now = now;

    /// <summary>What the leaf a takeover waits for answers.</summary>
    public static VrrpEvent Answer(VrrpTakeoverStep step) => step switch
    {
        VrrpTakeoverStep.FirewallSet => VrrpEvent.FirewallSet,
        VrrpTakeoverStep.AddressesAdded => VrrpEvent.AddressesAdded,
        _ => VrrpEvent.TakeoverStepDone,
    };

    private List<VrrpAction> Record()
    {
        var produced = new List<VrrpAction>(_scratch);
        foreach (var a in produced)
        {
            if (a.Kind == VrrpActionKind.StartTimer) _timers[a.Timer] = (Now + a.Delay, a.Tag);
            else if (a.Kind == VrrpActionKind.CancelTimer) _timers.Remove(a.Timer);
        }
        Log.AddRange(produced);
        return produced;
    }
}

/// <summary>Short names for expected actions.</summary>
internal static class Act
{
    public static VrrpAction Advert(int priority) => VrrpAction.SendAdvert(priority);
    public static VrrpAction Garp(int repeat) => VrrpAction.SendGratuitousArp(repeat);
    public static VrrpAction AddVips => VrrpAction.AddVirtualAddresses;
    public static VrrpAction RemoveVips => VrrpAction.RemoveVirtualAddresses;
    public static VrrpAction Changed(VrrpState from, VrrpState to, VrrpTransitionReason reason) => VrrpAction.StateChanged(from, to, reason);

    /// <summary>Taking over, in keepalived's order: advert, addresses, GARP (default 5 rounds), notifies.</summary>
    public static List<VrrpAction> Takeover(int priority, VrrpState from, VrrpTransitionReason reason) =>
        [Advert(priority), AddVips, Garp(5), Changed(from, VrrpState.Master, reason)];

    /// <summary>The actions without the timer and takeover bookkeeping, to compare the externally visible sequence.</summary>
    public static List<VrrpAction> Effects(this IEnumerable<VrrpAction> actions) =>
        actions.Where(a => a.Kind is not (VrrpActionKind.StartTimer or VrrpActionKind.CancelTimer or VrrpActionKind.Await)).ToList();

    public static VrrpAction TimerStart(this IEnumerable<VrrpAction> actions, VrrpTimer timer) =>
        actions.Last(a => a.Kind == VrrpActionKind.StartTimer && a.Timer == timer);

    public static bool Starts(this IEnumerable<VrrpAction> actions, VrrpTimer timer) =>
        actions.Any(a => a.Kind == VrrpActionKind.StartTimer && a.Timer == timer);
}
