namespace Keepalived.Actors.Runtime;

/// <summary>
/// The cell's <see cref="ITimerScheduler"/>. Each start makes one <see cref="TimerMessage"/>: it
/// is both the record of the timer under its key and the tick told to the cell, and the cell
/// hands the timer's message to the actor only if the key still maps to that very tick (see
/// <see cref="TryAccept"/>), so a tick of a cancelled or restarted timer is dropped.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, TimerMessage> _timers = [];

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

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Task?.Cancel();
        _timers.Clear();
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
        tick.Task = interval is { } period
            ? cell.System.Scheduler.ScheduleTellRepeatedlyCancelable(delay, period, cell.Self, tick, null)
            : cell.System.Scheduler.ScheduleTellOnceCancelable(delay, cell.Self, tick, null);
        _timers[key] = tick;
    }
}
