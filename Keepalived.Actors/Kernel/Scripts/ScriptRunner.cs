using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Scripts;

/// <summary>The outcome of one script run.</summary>
/// <param name="Signaled">A signal ended the script (ExitCode is then 128 + the signal), our timeout's kill among them.</param>
public readonly record struct ScriptResult(int ExitCode, bool TimedOut, string? Error, bool Signaled = false)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut && Error is null;
}

/// <summary>
/// Runs configured scripts: fire-and-forget for notifies, or awaited with a timeout after which
/// the script's process group (the script and its children) is killed (a timeout counts as a
/// failure, as in keepalived). A script that cannot be started is a result with
/// <see cref="ScriptResult.Error"/>, never an exception.
/// </summary>
public static class ScriptRunner
{
    /// <param name="discardOutput">The script's stdout and stderr go to /dev/null (a checker that prints endlessly floods nothing).</param>
    public static async Task<ScriptResult> RunAsync(NotifyScript script, IReadOnlyList<string>? extraArgs,
        TimeSpan timeout, CancellationToken cancellationToken = default, bool discardOutput = false)
    {
        ChildProcess child;
        try
        {
            var command = ScriptCommand.For(script, extraArgs);
            using var devNull = discardOutput ? File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write) : null;
            child = ChildProcess.Start(command.File, command.Argv, devNull);
        }
        catch (ErrnoException ex)
        {
            return new ScriptResult(-1, false, $"cannot run {script}: {ex.Message}");
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan) timer.CancelAfter(timeout);
        try
        {
            var status = await child.Exited.WaitAsync(timer.Token).ConfigureAwait(false);
            return new ScriptResult(status, false, null, child.Signaled);
        }
        catch (OperationCanceledException)
        {
            // the reaper still reaps it once the kill has landed
            child.SignalGroup(LibcCalls.SIGKILL);
            return new ScriptResult(-1, !cancellationToken.IsCancellationRequested, null, Signaled: true);
        }
    }
}
