namespace Keepalived.Actors.Runtime;

/// <summary>
/// The scheduler over a <see cref="TimeProvider"/>: the system clock in production, a virtual
/// clock in tests. Each entry owns one <see cref="ITimer"/>, disposed when it is cancelled, when
/// a one-shot entry fired, or at the first tick after the scheduler was shut down.
/// </summary>
internal sealed class TimeProviderScheduler : IScheduler, IActionScheduler
{
    private readonly TimeProvider _time;
    private readonly Action<Exception> _onError;
    private readonly long _start;
    private volatile bool _shutdown;

    /// <param name="onError">Gets what a scheduled action throws: nothing may escape into a timer callback, where it would end the process.</param>
    public TimeProviderScheduler(TimeProvider time, Action<Exception> onError)
    {
        _time = time;
        _onError = onError;
        _start = time.GetTimestamp();
    }

    public TimeProvider TimeProvider => _time;

    public DateTimeOffset Now => _time.GetUtcNow();

    public TimeSpan MonotonicClock => _time.GetElapsedTime(_start);

    public IActionScheduler Advanced => this;

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender,
        ICancelable? cancelable = null) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender), cancelable);

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message,
        IActorRef? sender, ICancelable? cancelable = null) =>
        Schedule(initialDelay, Positive(interval), () => receiver.Tell(message, sender), cancelable);

    public void ScheduleOnce(TimeSpan delay, Action action, ICancelable? cancelable = null) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, action, cancelable);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable? cancelable = null) =>
        Schedule(initialDelay, Positive(interval), action, cancelable);

    internal void Shutdown() => _shutdown = true;

    private static TimeSpan Positive(TimeSpan interval) =>
        interval > TimeSpan.Zero ? interval : throw new ArgumentOutOfRangeException(nameof(interval), "must be positive");

    private void Schedule(TimeSpan delay, TimeSpan period, Action action, ICancelable? cancelable)
    {
        if (_shutdown || cancelable?.IsCancellationRequested == true) return;
        var entry = new Entry(this, action, period == Timeout.InfiniteTimeSpan);
        // The entry must know its timer before the first tick can run.
        lock (entry)
            entry.Timer = _time.CreateTimer(static s => ((Entry)s!).Fire(), entry,
                delay < TimeSpan.Zero ? TimeSpan.Zero : delay, period);
        switch (cancelable)
        {
            case Cancelable c: c.Register(entry.Dispose); break;
            case not null: throw new ArgumentException("Only Cancelable instances are supported", nameof(cancelable));
        }
    }

    private sealed class Entry(TimeProviderScheduler owner, Action action, bool once)
    {
        private bool _disposed;
        public ITimer? Timer;

        public void Fire()
        {
            lock (this)
            {
                if (_disposed) return;
                if (once || owner._shutdown) DisposeLocked();
            }
            if (owner._shutdown) return;
            try { action(); }
            catch (Exception ex) { owner._onError(ex); }
        }

        public void Dispose()
        {
            lock (this) DisposeLocked();
        }

        private void DisposeLocked()
        {
            _disposed = true;
            Timer?.Dispose();
        }
    }
}
