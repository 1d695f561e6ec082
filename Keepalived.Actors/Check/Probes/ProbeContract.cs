// Placeholder of the probes' contract until the probes land (replaced by their own files).
using Keepalived.Actors.Config.Check;

namespace Keepalived.Actors.Check.Probes;

public enum ProbeVerdict { Success, Failure, NotRun }

public readonly record struct ProbeResult(ProbeVerdict Verdict, string? Reason = null, int ExitCode = 0)
{
    public static ProbeResult Ok => new(ProbeVerdict.Success);
    public static ProbeResult Fail(string reason) => new(ProbeVerdict.Failure, reason);
}

public interface IProbe
{
    Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken);
}

public sealed record ProbeLimits(int MaxResponseBytes = 1 << 20, TimeSpan? MaxProbeTime = null, bool VerifyTls = false);

public static class ProbeFactory
{
    public static IProbe? Create(Checker checker, RealServer realServer, VirtualServer virtualServer, CheckConfig config, ProbeLimits limits) => null;
}
