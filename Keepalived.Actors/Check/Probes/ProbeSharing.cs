using System.Collections.Concurrent;
using Keepalived.Actors.Config.Check;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// keepalived-net's <c>share-identical-probes</c>: checkers that would send the same probe to
/// the same target (the same real server in several virtual servers, keepalived #2111) share
/// one. A run joins a probe of the same key already in flight, or takes a result younger than
/// half the shortest delay_loop of the sharers, so a target is probed about once per period
/// however many virtual servers point at it, and no sharer sees a result older than it would
/// have waited anyway.
/// </summary>
public sealed class ProbeSharing(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Shared> _probes = new();
    private readonly TimeProvider _clock = clock;

    /// <summary>Counts how many runs were answered by another's probe (for tests and metrics).</summary>
    public long Saved => Interlocked.Read(ref _saved);

    private long _saved;

    /// <summary>The probe for <paramref name="checker"/>: <paramref name="make"/>'s, shared with every identical one.</summary>
    public IProbe? For(Checker checker, RealServer rs, VirtualServer vs, Func<IProbe?> make)
    {
        var key = Key(checker, rs, vs);
        if (_probes.TryGetValue(key, out var existing))
        {
            existing.Join(checker.DelayLoop ?? vs.DelayLoop);
            return existing;
        }
        if (make() is not { } probe) return null;
        return _probes.GetOrAdd(key, _ => new Shared(this, probe, checker.DelayLoop ?? vs.DelayLoop));
    }

    /// <summary>What makes two probes the same: the checker's block and what it inherits that changes the request.</summary>
    private static string Key(Checker checker, RealServer rs, VirtualServer vs) =>
        $"{rs.Address}|{rs.VirtualHost}|{vs.VirtualHost}|{vs.Protocol}\n{CheckDump.CheckerText(checker)}";

    private sealed class Shared(ProbeSharing owner, IProbe probe, TimeSpan delayLoop) : IProbe
    {
        private readonly Lock _gate = new();
        private TimeSpan _freshFor = delayLoop / 2;
        private readonly Dictionary<int, (Task<ProbeResult> Run, long Started)> _last = [];

        public void Join(TimeSpan delayLoop)
        {
            lock (_gate)
                if (delayLoop / 2 < _freshFor) _freshFor = delayLoop / 2;
        }

        public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                var now = owner._clock.GetTimestamp();
                if (_last.TryGetValue(step, out var last) &&
                    (!last.Run.IsCompleted || owner._clock.GetElapsedTime(last.Started, now) < _freshFor))
                {
                    Interlocked.Increment(ref owner._saved);
                    return last.Run.WaitAsync(cancellationToken);
                }
                // one sharer's cancellation (its actor stopping) must not cancel the others' probe
                var run = probe.RunAsync(step, CancellationToken.None);
                _last[step] = (run, now);
                return run.WaitAsync(cancellationToken);
            }
        }
    }
}
