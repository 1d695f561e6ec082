using Keepalived.Actors.Kernel.EventLoop;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Timers;

/// <summary>
/// A <see cref="TimeProvider"/> whose timers are kept by one thread sleeping on a Linux timerfd
/// (CLOCK_MONOTONIC, absolute deadlines, nanosecond resolution), as keepalived's scheduler
/// does, instead of .NET's timer queue (millisecond waits, callbacks queued to the thread
/// pool). Callbacks run on that thread and must be short: the actor scheduler's only tell.
/// Given an <see cref="EpollEventLoop"/>, the timerfd is watched by that loop instead, so an
/// expiry and the actor turns it causes share one wake-up. Timestamps are CLOCK_MONOTONIC
/// nanoseconds, the clock the deadlines are set on.
/// </summary>
public sealed class TimerFdTimeProvider : TimeProvider, IDisposable
{
    private readonly object _gate = new();
    private readonly PriorityQueue<(Entry Entry, long Version), long> _queue = new();
    private readonly SafeFileDescriptor _fd;
    private readonly Thread? _thread;
    private readonly EpollEventLoop? _loop;
    private readonly List<(Entry Entry, long Version)> _due = [];
    private long _armedFor = long.MaxValue;
    private volatile bool _disposed;

    /// <summary>Timers kept by a thread of their own.</summary>
    public TimerFdTimeProvider(string threadName = "timers")
    {
        _fd = Create(0);
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
    }

    /// <summary>Timers kept by <paramref name="loop"/>'s thread.</summary>
    public TimerFdTimeProvider(EpollEventLoop loop)
    {
        _fd = Create(LibcCalls.TFD_NONBLOCK);
        _loop = loop;
        loop.Register(_fd, Expire);
    }

    private static SafeFileDescriptor Create(int flags)
    {
        var fd = LibcCalls.TimerFdCreate(LibcCalls.CLOCK_MONOTONIC, LibcCalls.TFD_CLOEXEC | flags);
        return fd >= 0 ? new SafeFileDescriptor(fd) : throw new ErrnoException("timerfd_create", LibcCalls.LastErrno);
    }

    public override long TimestampFrequency => 1_000_000_000;

    public override long GetTimestamp() => Monotonic();

    private long _callbackErrors;

    /// <summary>Callbacks that threw (they are caught: the timer thread must survive).</summary>
    public long CallbackErrors => Interlocked.Read(ref _callbackErrors);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var entry = new Entry(this, callback, state);
        entry.Change(dueTime, period);
        return entry;
    }

    private static long Monotonic()
    {
        LibcCalls.ClockGetTime(LibcCalls.CLOCK_MONOTONIC, out var now);
        return now.TotalNanoseconds;
    }

    private static long Nanoseconds(TimeSpan span) => span.Ticks * 100;

    private void Enqueue(Entry entry, long version, long deadline)
    {
        lock (_gate)
        {
            _queue.Enqueue((entry, version), deadline);
            if (deadline < _armedFor) Arm(deadline);
        }
    }

    /// <summary>Sets the timerfd to fire at <paramref name="deadline"/> (ns); long.MaxValue disarms. Holds <see cref="_gate"/>.</summary>
    private void Arm(long deadline)
    {
        _armedFor = deadline;
        // a zero value disarms a timerfd, so "now or earlier" is armed for 1 ns
        var spec = new LibcCalls.ITimerSpec { Value = LibcCalls.TimeSpec.FromNanoseconds(deadline == long.MaxValue ? 0 : Math.Max(deadline, 1)) };
        if (!_disposed || deadline == 1)
            LibcCalls.TimerFdSetTime(_fd, LibcCalls.TFD_TIMER_ABSTIME, spec, IntPtr.Zero);
    }

    private void Run()
    {
        ThreadNice.Set(ThreadNice.Vrrp);
        while (!_disposed) Expire();
    }

    /// <summary>Consumes the timerfd's expiry (blocking on the own thread) and runs the callbacks now due.</summary>
    private unsafe void Expire()
    {
        long expirations;
        LibcCalls.Read(_fd, (byte*)&expirations, 8);
        if (_disposed) return;
        var now = Monotonic();
        lock (_gate)
        {
            while (_queue.TryPeek(out var item, out var deadline) && deadline <= now)
            {
                _queue.Dequeue();
                if (item.Entry.IsCurrent(item.Version)) _due.Add(item);
            }
            Arm(_queue.TryPeek(out _, out var next) ? next : long.MaxValue);
        }
        foreach (var (entry, version) in _due) entry.Fire(version, now);
        _due.Clear();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_loop is not null) _loop.Unregister(_fd);
        lock (_gate) Arm(1); // wake the thread
        _thread?.Join(TimeSpan.FromSeconds(5));
        _fd.Dispose();
    }

    /// <summary>One timer. Every Change bumps the version, so queued deadlines of an older setting are skipped.</summary>
    private sealed class Entry(TimerFdTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private long _version;
        private long _period;
        private bool _disposed;

        public bool IsCurrent(long version)
        {
            lock (this) return !_disposed && version == _version;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long version, deadline;
            lock (this)
            {
                if (_disposed) return false;
                version = ++_version;
                _period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : Nanoseconds(period);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                deadline = Monotonic() + Math.Max(0, Nanoseconds(dueTime));
            }
            owner.Enqueue(this, version, deadline);
            return true;
        }

        public void Fire(long version, long now)
        {
            long period;
            lock (this)
            {
                if (_disposed || version != _version) return;
                period = _period;
            }
            if (period > 0) owner.Enqueue(this, version, now + period);
            try
            {
                callback(state);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref owner._callbackErrors);
            }
        }

        public void Dispose()
        {
            lock (this) _disposed = true;
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
