using Akka.Actor;
using Keepalived.Actors.Protocol;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// The state machine's timers of one instance (advert, master down, ...), on the system's clock
/// (<see cref="Runtime.ActorClock"/>: the VRRP loop's timerfd, virtual time in tests). Each has
/// one clock timer, made once and re-armed, and one tick message: a master restarts its advert
/// timer every interval, and Akka's <c>IWithTimers</c> would make a cancel handle (with its
/// CancellationTokenSource), a timer message and a clock timer for each start. A tick counts only
/// once its timer's deadline has come (<see cref="Take"/>), so one left in the mailbox by an
/// earlier start, or by a cancelled timer, is dropped as Akka drops it.
/// </summary>
internal sealed class VrrpInstanceTimers : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly Slot[] _slots;

    /// <param name="ticks">The message told to <paramref name="owner"/> when a timer runs out, by <see cref="VrrpTimer"/>.</param>
    public VrrpInstanceTimers(TimeProvider clock, IActorRef owner, IReadOnlyList<object> ticks)
    {
        _clock = clock;
        _slots = new Slot[ticks.Count];
        for (var i = 0; i < _slots.Length; i++)
            _slots[i] = new Slot(clock, owner, ticks[i]);
    }

    /// <summary>(Re)starts <paramref name="timer"/>: its tick comes after <paramref name="delay"/>, and no earlier one counts.</summary>
    public void Start(VrrpTimer timer, TimeSpan delay)
    {
        var slot = _slots[(int)timer];
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        slot.Deadline = _clock.GetTimestamp() + ToTimestamp(delay);
        slot.Armed = true;
        slot.Timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops <paramref name="timer"/>: a tick of it already on its way is dropped.</summary>
    public void Cancel(VrrpTimer timer)
    {
        var slot = _slots[(int)timer];
        if (!slot.Armed) return;
        slot.Armed = false;
        slot.Timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Runs every clock timer out at once without starting it: each tick comes and is dropped
    /// (<see cref="Take"/>), so the path from the clock to the actor has run before a timer
    /// first counts (<see cref="TakeoverRehearsal.PrepareTimers"/>).
    /// </summary>
    public void Rehearse()
    {
        foreach (var slot in _slots)
            if (!slot.Armed) slot.Timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public void CancelAll()
    {
        for (var i = 0; i < _slots.Length; i++) Cancel((VrrpTimer)i);
    }

    /// <summary>
    /// Whether a tick of <paramref name="timer"/> is the run-out of its latest start (the timer is
    /// then stopped). A stale tick is not; nor one ahead of the deadline (a clock whose timers
    /// are coarser than its timestamps), which re-arms the timer for the rest.
    /// </summary>
    public bool Take(VrrpTimer timer)
    {
        var slot = _slots[(int)timer];
        if (!slot.Armed) return false;
        var early = slot.Deadline - _clock.GetTimestamp();
        if (early > 0)
        {
            slot.Timer.Change(FromTimestamp(early), Timeout.InfiniteTimeSpan);
            return false;
        }
        slot.Armed = false;
        return true;
    }

    public void Dispose()
    {
        foreach (var slot in _slots) slot.Timer.Dispose();
    }

    private long ToTimestamp(TimeSpan span) => (long)((Int128)span.Ticks * _clock.TimestampFrequency / TimeSpan.TicksPerSecond);

    // rounded up, so the re-armed timer does not come back early again
    private TimeSpan FromTimestamp(long stamp) =>
        TimeSpan.FromTicks((long)(((Int128)stamp * TimeSpan.TicksPerSecond + _clock.TimestampFrequency - 1) / _clock.TimestampFrequency));

    /// <summary>One timer: its clock timer and tick, and its latest start (read and written by the actor only).</summary>
    private sealed class Slot
    {
        private readonly IActorRef _owner;
        private readonly object _tick;

        public Slot(TimeProvider clock, IActorRef owner, object tick)
        {
            _owner = owner;
            _tick = tick;
            Timer = clock.CreateTimer(static state => ((Slot)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public ITimer Timer { get; }
        public long Deadline;
        public bool Armed;

        private void Fire() => _owner.Tell(_tick, ActorRefs.NoSender);
    }
}
