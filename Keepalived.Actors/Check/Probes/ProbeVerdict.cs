namespace Keepalived.Actors.Check.Probes;

/// <summary>What one run of a network probe found.</summary>
public enum ProbeVerdict
{
    /// <summary>The real server answered as the checker requires.</summary>
    Success,
    /// <summary>Refused, unreachable, timed out or a wrong answer: counts towards retry.</summary>
    Failure,
    /// <summary>
    /// The check could not be started (socket(), setsockopt() or bind() failed, keepalived's
    /// connect_error): keepalived logs it and reschedules after delay_loop with no state change.
    /// </summary>
    NotRun,
}
