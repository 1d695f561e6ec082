namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// One network check of a real server. A run never throws (errors become a Failure or a
/// NotRun result) and never outlives its caps. The socket is created synchronously, before the
/// first await, so the caller's thread decides its network namespace.
/// </summary>
public interface IProbe
{
    /// <summary>
    /// Runs the check once.
    /// </summary>
    /// <param name="step">for HTTP_GET/SSL_GET the index of the URL to fetch this run (keepalived fetches one URL per run); others ignore it.</param>
    /// <param name="cancellationToken">cancels the run promptly; the result is then NotRun ("cancelled").</param>
    Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken);
}
