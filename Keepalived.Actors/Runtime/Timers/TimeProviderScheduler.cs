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
        Register(TellOnce(delay, receiver, message, sender, cancelable), cancelable);

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message,
        IActorRef? sender, ICancelable? cancelable = null) =>
        Register(TellRepeatedly(initialDelay, interval, receiver, message, sender, cancelable), cancelable);

    public void ScheduleOnce(TimeSpan delay, Action action, ICancelable? cancelable = null) =>
        Register(Schedule(new ActionEntry(this, true, action), delay, Timeout.InfiniteTimeSpan, cancelable), cancelable);

    public void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable? cancelable = null) =>
        Register(Schedule(new ActionEntry(this, false, action), initialDelay, Positive(interval), cancelable), cancelable);

    /// <summary>A tell whose entry is its own cancel handle: one object and one timer per scheduled tell.</summary>
    internal ICancelable TellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable = null) =>
        Schedule(new TellEntry(this, true, receiver, message, sender), delay, Timeout.InfiniteTimeSpan, cancelable);

    internal ICancelable TellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender,
        ICancelable? cancelable = null) =>
        Schedule(new TellEntry(this, false, receiver, message, sender), initialDelay, Positive(interval), cancelable);

    internal void Shutdown() => _shutdown = true;

    private static TimeSpan Positive(TimeSpan interval) =>
        interval > TimeSpan.Zero ? interval : throw new ArgumentOutOfRangeException(nameof(interval), "must be positive");

    private Entry Schedule(Entry entry, TimeSpan delay, TimeSpan period, ICancelable? cancelable)
    {
        if (_shutdown || cancelable?.IsCancellationRequested == true)
        {
            entry.Cancel();
            return entry;
        }
        // The entry must know its timer before the first tick can run.
        lock (entry)
            entry.Timer = _time.CreateTimer(static s => ((Entry)s!).Fire(), entry,
                delay < TimeSpan.Zero ? TimeSpan.Zero : delay, period);
        return entry;
    }

    private static void Register(ICancelable entry, ICancelable? cancelable)
    {
        switch (cancelable)
        {
            case null: break;
            case Cancelable c: c.Register(entry.Cancel); break;
            default: throw new ArgumentException("Only Cancelable instances are supported", nameof(cancelable));
        }
    }

    /// <summary>One scheduled piece of work and its timer; cancelling it disposes the timer.</summary>
    private abstract class Entry(TimeProviderScheduler owner, bool once) : ICancelable
    {
        private bool _disposed;
        public ITimer? Timer;

        public bool IsCancellationRequested
        {
            get { lock (this) return _disposed; }
        }

        protected abstract void Run();

        public void Fire()
        {
            lock (this)
            {
                if (_disposed) return;
                if (once || owner._shutdown) DisposeLocked();
            }
            if (owner._shutdown) return;
            try { Run(); }
            catch (Exception ex) { owner._onError(ex); }
        }

        public void Cancel()
        {
            lock (this) DisposeLocked();
        }

        private void DisposeLocked()
        {
            _disposed = true;
            Timer?.Dispose();
        }
    }

    private sealed class TellEntry(TimeProviderScheduler owner, bool once, ICanTell receiver, object message, IActorRef? sender)
        : Entry(owner, once)
    {
        protected override void Run() => receiver.Tell(message, sender);
    }

    private sealed class ActionEntry(TimeProviderScheduler owner, bool once, Action action) : Entry(owner, once)
    {
        protected override void Run() => action();
    }
}
