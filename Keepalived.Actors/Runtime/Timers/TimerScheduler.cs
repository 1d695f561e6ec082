namespace Keepalived.Actors.Runtime;

/// <summary>
/// The cell's <see cref="ITimerScheduler"/>. A <see cref="TimerMessage"/> is both the record of a
/// timer under its key and the tick told to the cell, and the cell hands the timer's message to
/// the actor only if the key still maps to that very tick (see <see cref="TryAccept"/>), so a
/// tick of a cancelled or restarted timer is dropped. A single timer keeps its clock timer and
/// its tick per key and re-arms them at every start: a VRRP master restarts its advert timer
/// every interval, and that costs no allocation.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, TimerMessage> _timers = [];
    private readonly Dictionary<object, SingleShot> _shots = [];

    /// <summary>
    /// A periodic timer's tick, or the one tick of a key's <see cref="SingleShot"/>, which is told
    /// again at every expiry (<see cref="Message"/> is what the latest start asked for).
    /// </summary>
    internal sealed class TimerMessage(object key, object message, bool repeat)
    {
        public object Key { get; } = key;
        public object Message { get; set; } = message;
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
        // a single timer's tick is the same object at every start: one that was on its way when
        // the timer was started again is told apart by coming before the new deadline
        if (tick.Task is SingleShot { IsDue: false }) return false;
        if (!tick.Repeat) _timers.Remove(tick.Key);
        message = tick.Message;
        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (interval is { } period)
        {
            Cancel(key);
            var tick = new TimerMessage(key, message, repeat: true);
            tick.Task = cell.System.Scheduler.ScheduleTellRepeatedlyCancelable(delay, period, cell.Self, tick, null);
            _timers[key] = tick;
            return;
        }
        if (!_shots.TryGetValue(key, out var shot)) _shots[key] = shot = new SingleShot(key, cell.System.TimeProvider, cell.Self);
        // the key's own clock timer is simply re-armed; anything else under the key is cancelled
        if (_timers.Remove(key, out var previous) && !ReferenceEquals(previous.Task, shot)) previous.Task?.Cancel();
        shot.Arm(message, delay);
        _timers[key] = shot.Tick;
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
        private bool _armed;
        private long _due;

        public SingleShot(object key, TimeProvider time, IActorRef self)
        {
            _time = time;
            _self = self;
            Tick = new TimerMessage(key, key, repeat: false) { Task = this };
            _timer = time.CreateTimer(static s => ((SingleShot)s!).Expired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>This key's tick, told at every expiry.</summary>
        public TimerMessage Tick { get; }

        /// <summary>The current deadline has come (read on the actor's turn).</summary>
        public bool IsDue
        {
            get { lock (this) return _time.GetTimestamp() >= _due; }
        }

        /// <summary>On the actor's turn: <paramref name="message"/> is delivered after <paramref name="delay"/>.</summary>
        public void Arm(object message, TimeSpan delay)
        {
            if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
            Tick.Message = message;
            lock (this)
            {
                _armed = true;
                _due = _time.GetTimestamp() + (long)(delay.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
            }
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }

        private void Expired()
        {
            long early;
            lock (this)
            {
                if (!_armed) return;
                early = _due - _time.GetTimestamp();
                if (early <= 0) _armed = false;
            }
            if (early <= 0)
                _self.Tell(Tick, ActorRefs.NoSender);
            else
                // an expiry of an earlier arming, or a clock that fires a little early: wait out the rest
                _timer.Change(_time.GetElapsedTime(0, early), Timeout.InfiniteTimeSpan);
        }

        public bool IsCancellationRequested
        {
            get { lock (this) return !_armed; }
        }

        /// <summary>Disarms; the clock timer stays for the next start under this key.</summary>
        public void Cancel()
        {
            lock (this) _armed = false;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            lock (this) _armed = false;
            _timer.Dispose();
        }
    }
}
