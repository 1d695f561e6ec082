using Keepalived.Actors.Diagnostics;
using Serilog;

namespace Keepalived.Host;

/// <summary>
/// The service's watch on garbage-collection pauses, started once the service runs rather than
/// at exec: creating the runtime event listener behind <see cref="GcPauseMonitor"/> is slow (an
/// event session, a dispatch thread, reflection over the runtime's event source), and at exec
/// that time would come before the first advert. It starts right before the heap is settled,
/// so that long collection is the first pause it sees; pauses before that are in the runtime's
/// own total, which the statistics line gives as well.
/// </summary>
internal sealed class GcPauseWatch : IDisposable
{
    private GcPauseMonitor? _monitor;

    public void Start()
    {
        var monitor = new GcPauseMonitor();
        monitor.Paused += (pause, generation) =>
        {
            if (pause > monitor.Threshold) Log.Debug("GC pause of {Pause:F3} ms (generation {Generation})", pause.TotalMilliseconds, generation);
        };
        if (Interlocked.CompareExchange(ref _monitor, monitor, null) is not null) monitor.Dispose();
    }

    /// <summary>Garbage collections and allocation since start: what can hold up a VRRP timer besides the kernel.</summary>
    public void LogStatistics()
    {
        var watched = Volatile.Read(ref _monitor)?.Current.ToString() ?? "pauses not watched yet";
        Log.Information("Runtime: GC {Pauses}; {Total:F3} ms paused since start; collections gen0/1/2 {Gen0}/{Gen1}/{Gen2}; {Allocated:F1} MiB allocated since start",
            watched, GC.GetTotalPauseDuration().TotalMilliseconds, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalAllocatedBytes() / 1048576.0);
    }

    public void Dispose() => Interlocked.Exchange(ref _monitor, null)?.Dispose();
}
