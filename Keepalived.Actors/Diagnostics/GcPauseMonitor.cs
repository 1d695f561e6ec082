using System.Diagnostics.Tracing;

namespace Keepalived.Actors.Diagnostics;

/// <summary>
/// Measures every garbage-collection pause of this process from the runtime's own events: a
/// pause runs from GCSuspendEEBegin (the runtime starts stopping managed threads) to
/// GCRestartEEEnd (they run again), which is the time a VRRP timer or advert can be held up.
/// Events reach the listener on the runtime's dispatch thread, shortly after the fact.
/// </summary>
public sealed class GcPauseMonitor : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    // event ids of the runtime's GC events (ClrEtwAll.man)
    private const int GcStart = 1;
    private const int GcSuspendEeBegin = 9;
    private const int GcRestartEeEnd = 3;

    private readonly object _gate = new();
    private DateTime _suspendedAt;
    private int _generation = -1;
    private int _count;
    private TimeSpan _total;
    private TimeSpan _max;
    private TimeSpan _threshold = TimeSpan.FromMilliseconds(1);
    private int _overThreshold;

    /// <summary>Called with each pause and the generation collected in it (-1: not known) as it is seen (on the runtime's event thread).</summary>
    public event Action<TimeSpan, int>? Paused;

    /// <summary>A pause longer than this counts in <see cref="Summary.OverThreshold"/> (1 ms unless set).</summary>
    public TimeSpan Threshold
    {
        get { lock (_gate) return _threshold; }
        set { lock (_gate) _threshold = value; }
    }

    /// <summary>The pauses seen so far.</summary>
    public readonly record struct Summary(int Count, TimeSpan Total, TimeSpan Max, int OverThreshold, TimeSpan Threshold)
    {
        public override string ToString() =>
            $"{Count} pause(s), total {Total.TotalMilliseconds:F3} ms, longest {Max.TotalMilliseconds:F3} ms, {OverThreshold} over {Threshold.TotalMilliseconds:F3} ms";
    }

    public Summary Current
    {
        get { lock (_gate) return new Summary(_count, _total, _max, _overThreshold, _threshold); }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        // called from the base constructor (field initialisers have run, the constructor body has not)
        if (source.Name == RuntimeSource) EnableEvents(source, EventLevel.Informational, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        TimeSpan pause;
        int generation;
        lock (_gate)
        {
            switch (e.EventId)
            {
                case GcStart:
                    // "Depth": the generation being collected
                    _generation = e.PayloadNames?.IndexOf("Depth") is int i and >= 0 && e.Payload?[i] is uint depth ? (int)depth : -1;
                    return;
                case GcSuspendEeBegin:
                    _suspendedAt = e.TimeStamp;
                    return;
                case GcRestartEeEnd when _suspendedAt != default:
                    pause = e.TimeStamp - _suspendedAt;
                    generation = _generation;
                    _suspendedAt = default;
                    _generation = -1;
                    _count++;
                    _total += pause;
                    if (pause > _max) _max = pause;
                    if (pause > _threshold) _overThreshold++;
                    break;
                default:
                    return;
            }
        }
        Paused?.Invoke(pause, generation);
    }
}
