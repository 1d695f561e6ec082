namespace Keepalived.Actors.Check.Probes;

/// <summary>A checker that cannot be probed (no address): every run is NotRun, as keepalived's connect_error.</summary>
public sealed class UnusableProbe(string reason) : IProbe
{
    public string Reason { get; } = reason;

    public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken) =>
        Task.FromResult(ProbeResult.NotRun(Reason));
}
