namespace Keepalived.Actors.Runtime;

/// <summary>Builders of <see cref="BackoffOptions"/>, as Akka's <c>Backoff</c>.</summary>
public static class Backoff
{
    /// <summary>
    /// Restart the child with growing delays when it fails; if it stops of its own accord, the
    /// supervisor stops too. <paramref name="maxNrOfRetries"/> -1: no limit.
    /// </summary>
    public static BackoffOptions OnFailure(Props childProps, string childName, TimeSpan minBackoff,
        TimeSpan maxBackoff, double randomFactor, int maxNrOfRetries = -1) =>
        new(BackoffKind.OnFailure, childProps, childName, minBackoff, maxBackoff, randomFactor, maxNrOfRetries);

    /// <summary>Restart the child with growing delays whenever it stops, for whatever reason.</summary>
    public static BackoffOptions OnStop(Props childProps, string childName, TimeSpan minBackoff,
        TimeSpan maxBackoff, double randomFactor, int maxNrOfRetries = -1) =>
        new(BackoffKind.OnStop, childProps, childName, minBackoff, maxBackoff, randomFactor, maxNrOfRetries);
}

public enum BackoffKind { OnFailure, OnStop }

/// <summary>
/// What a <see cref="BackoffSupervisor"/> supervises and how. Delays double from
/// <see cref="MinBackoff"/> up to <see cref="MaxBackoff"/>, each stretched by up to
/// <see cref="RandomFactor"/>; the count resets once a child has lived for
/// <see cref="ResetBackoff"/> (auto reset, the default, with <see cref="MinBackoff"/>) or on
/// <see cref="BackoffSupervisor.Reset"/> (manual reset).
/// </summary>
public sealed record BackoffOptions
{
    internal BackoffOptions(BackoffKind kind, Props childProps, string childName, TimeSpan minBackoff,
        TimeSpan maxBackoff, double randomFactor, int maxNrOfRetries)
    {
        if (minBackoff <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(minBackoff), "must be > 0");
        if (maxBackoff < minBackoff) throw new ArgumentOutOfRangeException(nameof(maxBackoff), "must be >= minBackoff");
        if (randomFactor is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(randomFactor), "must be between 0 and 1");
        Kind = kind;
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        MaxNrOfRetries = maxNrOfRetries;
        ResetBackoff = minBackoff;
    }

    public BackoffKind Kind { get; }
    public Props ChildProps { get; }
    public string ChildName { get; }
    public TimeSpan MinBackoff { get; }
    public TimeSpan MaxBackoff { get; }
    public double RandomFactor { get; }
    public int MaxNrOfRetries { get; }

    /// <summary>Null: manual reset.</summary>
    public TimeSpan? ResetBackoff { get; private init; }

    /// <summary>Decides which failures count (OnFailure: Restart means "restart after a backoff").</summary>
    public SupervisorStrategy Strategy { get; private init; } = SupervisorStrategy.DefaultStrategy;

    public BackoffOptions WithAutoReset(TimeSpan resetBackoff) => this with { ResetBackoff = resetBackoff };

    public BackoffOptions WithManualReset() => this with { ResetBackoff = null };

    public BackoffOptions WithSupervisorStrategy(SupervisorStrategy strategy) => this with { Strategy = strategy };

    public BackoffOptions WithDefaultStoppingStrategy() =>
        this with { Strategy = SupervisorStrategy.StoppingStrategy };

    public Props Props => BackoffSupervisor.Props(this);
}
