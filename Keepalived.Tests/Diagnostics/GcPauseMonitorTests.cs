using Keepalived.Actors.Diagnostics;

namespace Keepalived.Tests.Diagnostics;

public class GcPauseMonitorTests
{
    [Fact]
    public async Task A_forced_collection_is_seen_as_a_pause_with_a_duration()
    {
        using var monitor = new GcPauseMonitor();
        var seen = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var generations = new System.Collections.Concurrent.ConcurrentQueue<int>();
        monitor.Paused += (p, generation) =>
        {
            generations.Enqueue(generation);
            seen.TrySetResult(p);
        };

        // the listener is enabled asynchronously: collect until a pause arrives
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!seen.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            GC.Collect();
            await Task.WhenAny(seen.Task, Task.Delay(100));
        }

        Assert.True(seen.Task.IsCompleted, "no GC pause event within 20 s");
        var pause = await seen.Task;
        Assert.True(pause > TimeSpan.Zero);
        var summary = monitor.Current;
        Assert.True(summary.Count >= 1);
        Assert.True(summary.Max >= pause);
        Assert.True(summary.Total >= summary.Max);
        // GC.Collect() collects every generation
        Assert.Contains(2, generations);
    }

    [Fact]
    public void Summary_counts_only_pauses_over_the_threshold()
    {
        using var monitor = new GcPauseMonitor { Threshold = TimeSpan.FromDays(1) };
        GC.Collect();
        Assert.Equal(0, monitor.Current.OverThreshold);
        Assert.Equal(TimeSpan.FromDays(1), monitor.Current.Threshold);
        Assert.Contains("over 86400000.000 ms", monitor.Current.ToString());
    }
}
