namespace Keepalived.Actors.Runtime;

/// <summary>Restart bookkeeping of one child, as Akka keeps it: a count within a time window.</summary>
public sealed class ChildRestartStats
{
    private long _windowStart = long.MinValue;

    internal ChildRestartStats(IActorRef child) => Child = child;

    public IActorRef Child { get; }

    public int MaxNrOfRetriesCount { get; private set; }

    /// <summary>
    /// May the child restart once more? <paramref name="maxNrOfRetries"/> &lt; 0 means no limit;
    /// <paramref name="window"/> null means the count never resets. A window that has passed
    /// starts a new one with this restart as its first.
    /// </summary>
    internal bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? window, TimeSpan now)
    {
        if (maxNrOfRetries == 0) return false;
        if (window is null)
        {
            if (maxNrOfRetries < 0) return true;
            MaxNrOfRetriesCount++;
            return MaxNrOfRetriesCount <= maxNrOfRetries;
        }
        var retries = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
        var nowTicks = now.Ticks;
        if (_windowStart == long.MinValue) _windowStart = nowTicks;
        if (nowTicks - _windowStart <= window.Value.Ticks)
        {
            MaxNrOfRetriesCount++;
            return MaxNrOfRetriesCount <= retries;
        }
        MaxNrOfRetriesCount = 1;
        _windowStart = nowTicks;
        return true;
    }
}
