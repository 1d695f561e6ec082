namespace Keepalived.Actors.Runtime;

/// <summary>
/// The cell's <see cref="ITimerScheduler"/>. Each start gets a new generation; the cell hands a
/// tick to the actor only if its key still maps to that generation (see <see cref="TryAccept"/>).
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Timer> _timers = [];
    private int _generation;

    internal sealed record TimerMessage(object Key, int Generation, TimerScheduler Owner);

    private sealed record Timer(object Message, bool Repeat, int Generation, Cancelable Task);

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
        if (_timers.Remove(key, out var timer)) timer.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Task.Cancel();
        _timers.Clear();
    }

    internal bool TryAccept(TimerMessage tick, out object message)
    {
        message = null!;
        if (!ReferenceEquals(tick.Owner, this) || !_timers.TryGetValue(tick.Key, out var timer)
            || timer.Generation != tick.Generation)
            return false;
        if (!timer.Repeat) _timers.Remove(tick.Key);
        message = timer.Message;
        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var task = new Cancelable();
        var tick = new TimerMessage(key, generation, this);
        if (interval is { } period)
            cell.System.Scheduler.ScheduleTellRepeatedly(delay, period, cell.Self, tick, null, task);
        else
            cell.System.Scheduler.ScheduleTellOnce(delay, cell.Self, tick, null, task);
        _timers[key] = new Timer(message, interval is not null, generation, task);
    }
}
