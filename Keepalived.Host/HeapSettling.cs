using System.Diagnostics;
using System.Runtime;
using Serilog;

namespace Keepalived.Host;

/// <summary>
/// Keeps the garbage collector out of VRRP's timing. Reading the configuration and creating the
/// actors leaves the only large garbage the service ever makes; collecting it at a moment of our
/// choosing, shortly after start, takes the one long pause there, instead of at a random later
/// moment while adverts are due. From then on the latency mode forbids blocking full
/// collections (they run in the background), so only short young-generation pauses remain.
/// </summary>
internal static class HeapSettling
{
    /// <summary>How long after start the heap is settled: time enough for the instances to be created.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    /// <param name="beforeCollect">Run right before the collection (the pause watch starts there).</param>
    public static async Task AfterStartAsync(Action beforeCollect, CancellationToken token)
    {
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        // a stop cancels the wait without an exception: a process's first exception costs
        // milliseconds, and a stop is when the goodbye advert is due
        await Task.WhenAny(Task.Delay(Delay, token));
        if (token.IsCancellationRequested) return;
        beforeCollect();
        var before = GC.GetTotalMemory(false);
        var start = Stopwatch.GetTimestamp();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Log.Debug("Heap settled after start: {Before:F1} -> {After:F1} MiB in {Elapsed:F1} ms",
            before / 1048576.0, GC.GetTotalMemory(false) / 1048576.0, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
