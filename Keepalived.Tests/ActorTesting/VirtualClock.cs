namespace Keepalived.Tests.ActorTesting;

/// <summary>
/// A virtual clock for the actor system (behind <see cref="Keepalived.Actors.Runtime.ClockScheduler"/>,
/// as Akka's TestScheduler, but also the clock actors read timestamps from): time stands still
/// until <see cref="Advance"/>, which fires every timer that falls due, in due order, on the
/// calling thread. A timer created with due time zero fires at once on the thread pool.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Lock _lock = new();
    private readonly List<VirtualTimer> _timers = [];
    private long _now;
    private long _sequence;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_lock) return _now;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return Epoch.AddTicks(_now);
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Virtual time elapsed since the start.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(GetTimestamp());

    /// <summary>Timers that are set and not yet fired or disposed.</summary>
    public int PendingTimers
    {
        get { lock (_lock) return _timers.Count(t => t.Due is not null); }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing the timers that fall due on the way.</summary>
    public void Advance(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration));
        long target;
        lock (_lock) target = _now + duration.Ticks;
        while (true)
        {
            VirtualTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.Due <= target).MinBy(t => (t.Due, t.Sequence));
                if (next is null)
                {
                    _now = target;
                    return;
                }
                _now = Math.Max(_now, next.Due!.Value);
                next.Due = next.Period is { } p ? _now + p : null;
                if (next.Due is not null) next.Sequence = ++_sequence;
                else _timers.Remove(next);
            }
            next.Fire();
        }
    }

    /// <summary>Moves the clock to an absolute time (no-op if it is in the past).</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        var delta = time - GetUtcNow();
        if (delta > TimeSpan.Zero) Advance(delta);
    }

    private sealed class VirtualTimer(VirtualClock owner, TimerCallback callback, object? state) : ITimer
    {
        public long? Due;
        public long? Period;
        public long Sequence;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var fireNow = false;
            lock (owner._lock)
            {
                owner._timers.Remove(this);
                Period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? null : period.Ticks;
                if (dueTime == Timeout.InfiniteTimeSpan) Due = null;
                else if (dueTime <= TimeSpan.Zero && Period is null)
                {
                    Due = null;
                    fireNow = true;
                }
                else
                {
                    Due = owner._now + Math.Max(0, dueTime.Ticks);
                    Sequence = ++owner._sequence;
                    owner._timers.Add(this);
                }
            }
            if (fireNow) ThreadPool.QueueUserWorkItem(_ => Fire());
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._lock)
            {
                Due = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
