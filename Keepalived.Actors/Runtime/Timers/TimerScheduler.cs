namespace Keepalived.Actors.Runtime;

/// <summary>
/// The cell's <see cref="ITimerScheduler"/>. Each start makes one <see cref="TimerMessage"/>: it
/// is both the record of the timer under its key and the tick told to the cell, and the cell
/// hands the timer's message to the actor only if the key still maps to that very tick (see
/// <see cref="TryAccept"/>), so a tick of a cancelled or restarted timer is dropped.
/// A single timer keeps its clock timer per key and re-arms it on every start: a VRRP master
/// restarts its advert timer every interval, and that must not cost a clock timer each time.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, TimerMessage> _timers = [];
    private readonly Dictionary<object, SingleShot> _shots = [];

    internal sealed class TimerMessage(object key, object message, bool repeat)
    {
        public object Key { get; } = key;
        public object Message { get; } = message;
        public bool Repeat { get; } = repeat;
        public ICancelable? Task { get; set; }

        public override string ToString() => $"TimerMessage({Key}, {Message})";
    }

    public void StartSingleTimer(object key, object message, TimeSpan timeout) =>
        Start(key, message, timeout, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToArray();

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Task?.Cancel();
    }

    /// <summary>Cancels every timer and releases the clock timers (the actor stops or restarts).</summary>
    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Task?.Cancel();
        _timers.Clear();
        foreach (var shot in _shots.Values) shot.Dispose();
        _shots.Clear();
    }

    internal bool TryAccept(TimerMessage tick, out object message)
    {
        message = null!;
        if (!_timers.TryGetValue(tick.Key, out var current) || !ReferenceEquals(current, tick))
            return false;
        if (!tick.Repeat) _timers.Remove(tick.Key);
        message = tick.Message;
        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var tick = new TimerMessage(key, message, interval is not null);
        if (interval is { } period)
            tick.Task = cell.System.Scheduler.ScheduleTellRepeatedlyCancelable(delay, period, cell.Self, tick, null);
        else
        {
            if (!_shots.TryGetValue(key, out var shot)) _shots[key] = shot = new SingleShot(cell.System.TimeProvider, cell.Self);
            shot.Arm(tick, delay);
            tick.Task = shot;
        }
        _timers[key] = tick;
    }

    /// <summary>
    /// One key's clock timer for single timers. An expiry tells the tick it was armed with; one
    /// that comes before the current deadline (a callback of an earlier arming already on its way
    /// when the timer was re-armed) re-arms for the time left instead.
    /// </summary>
    private sealed class SingleShot : ICancelable, IDisposable
    {
        private readonly TimeProvider _time;
        private readonly IActorRef _self;
        private readonly ITimer _timer;
        private TimerMessage? _armed;
        private long _due;

        public SingleShot(TimeProvider time, IActorRef self)
        {
            _time = time;
            _self = self;
            _timer = time.CreateTimer(static s => ((SingleShot)s!).Expired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Arm(TimerMessage tick, TimeSpan delay)
        {
            if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
            lock (this)
            {
                _armed = tick;
                _due = _time.GetTimestamp() + (long)(delay.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
            }
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }

        private void Expired()
        {
            TimerMessage? tick;
            long early;
            lock (this)
            {
                tick = _armed;
                if (tick is null) return;
                early = _due - _time.GetTimestamp();
                if (early <= 0) _armed = null;
            }
            if (early <= 0)
                _self.Tell(tick, ActorRefs.NoSender);
            else
                // an expiry of an earlier arming, or a clock that fires a little early: wait out the rest
                _timer.Change(_time.GetElapsedTime(0, early), Timeout.InfiniteTimeSpan);
        }

        public bool IsCancellationRequested
        {
            get { lock (this) return _armed is null; }
        }

        /// <summary>Disarms; the clock timer stays for the next start under this key.</summary>
        public void Cancel()
        {
            lock (this) _armed = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            lock (this) _armed = null;
            _timer.Dispose();
        }
    }
}
