using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Kernel.Scripts;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// MISC_CHECK's run: the script (<c>misc_path</c>, as <c>user</c>, no words added) in its own
/// process group, killed with the group at the timeout. The result is
/// <see cref="ProbeVerdict.Success"/> whenever the script exited, with its status in
/// <see cref="ProbeResult.ExitCode"/> (what a status means is MiscRhythm's business), and
/// <see cref="ProbeVerdict.Failure"/> when a signal or the timeout ended it;
/// <see cref="ProbeVerdict.NotRun"/> when it could not be started.
/// </summary>
public sealed class MiscProbe(MiscChecker checker, TimeSpan timeout) : IProbe
{
    public async Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
    {
        if (checker.Script is not { } script) return new ProbeResult(ProbeVerdict.NotRun, "no misc_path");
        var result = await ScriptRunner.RunAsync(script, null, timeout, cancellationToken, discardOutput: true).ConfigureAwait(false);
        if (result.Error is { } error) return new ProbeResult(ProbeVerdict.NotRun, error);
        if (result.TimedOut) return new ProbeResult(ProbeVerdict.Failure, "timed out", -1);
        if (result.Signaled) return new ProbeResult(ProbeVerdict.Failure, $"due to signal {result.ExitCode - 128}", -1);
        return new ProbeResult(ProbeVerdict.Success, null, result.ExitCode);
    }
}
