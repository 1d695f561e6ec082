using System.Collections.Concurrent;
using Keepalived.Actors.Kernel.Timers;

namespace Keepalived.Tests.Kernel;

public sealed class TimerFdTimeProviderTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly TimerFdTimeProvider _time = new("test-timers");

    public void Dispose() => _time.Dispose();

    [Fact]
    public void Timers_fire_in_deadline_order_whatever_the_order_they_were_set()
    {
        var fired = new ConcurrentQueue<int>();
        using var done = new CountdownEvent(3);
        var timers = new[] { 30, 10, 20 }.Select(ms => _time.CreateTimer(_ =>
        {
            fired.Enqueue(ms);
            done.Signal();
        }, null, TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan)).ToList();
        Assert.True(done.Wait(Wait));
        Assert.Equal([10, 20, 30], fired);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void A_timer_never_fires_before_its_due_time()
    {
        var start = _time.GetTimestamp();
        var elapsed = TimeSpan.Zero;
        using var done = new ManualResetEventSlim();
        using var timer = _time.CreateTimer(_ =>
        {
            elapsed = _time.GetElapsedTime(start);
            done.Set();
        }, null, TimeSpan.FromMilliseconds(25), Timeout.InfiniteTimeSpan);
        Assert.True(done.Wait(Wait));
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(25), $"fired after {elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void A_disposed_or_stopped_timer_does_not_fire()
    {
        var fired = new ConcurrentQueue<string>();
        var disposed = _time.CreateTimer(_ => fired.Enqueue("disposed"), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        var stopped = _time.CreateTimer(_ => fired.Enqueue("stopped"), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        Assert.True(stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        using var sentinel = new ManualResetEventSlim();
        using var last = _time.CreateTimer(_ => sentinel.Set(), null, TimeSpan.FromMilliseconds(40), Timeout.InfiniteTimeSpan);
        Assert.True(sentinel.Wait(Wait));
        Assert.Empty(fired);
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void A_changed_timer_fires_once_at_its_new_time()
    {
        var count = 0;
        using var done = new ManualResetEventSlim();
        using var timer = _time.CreateTimer(_ =>
        {
            Interlocked.Increment(ref count);
            done.Set();
        }, null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        timer.Change(TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);
        Assert.True(done.Wait(Wait));
        using var sentinel = new ManualResetEventSlim();
        using var after = _time.CreateTimer(_ => sentinel.Set(), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);
        Assert.True(sentinel.Wait(Wait));
        Assert.Equal(1, count);
    }

    [Fact]
    public void A_periodic_timer_keeps_firing_and_a_throwing_callback_does_not_stop_the_thread()
    {
        using var ticks = new CountdownEvent(3);
        using var periodic = _time.CreateTimer(_ =>
        {
            if (!ticks.IsSet) ticks.Signal();
            throw new InvalidOperationException("callback failure");
        }, null, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5));
        Assert.True(ticks.Wait(Wait));
        // the error is counted after the callback has thrown, which is after it signalled
        Assert.True(SpinWait.SpinUntil(() => _time.CallbackErrors >= 3, Wait));
        using var later = new ManualResetEventSlim();
        using var timer = _time.CreateTimer(_ => later.Set(), null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        Assert.True(later.Wait(Wait));
    }

    [Fact]
    public void Timestamps_are_monotonic_nanoseconds()
    {
        Assert.Equal(1_000_000_000, _time.TimestampFrequency);
        var a = _time.GetTimestamp();
        var b = _time.GetTimestamp();
        Assert.True(b >= a);
    }
}
