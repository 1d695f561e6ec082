using System.ComponentModel;
using System.Diagnostics;
using Keepalived.Actors.Config.Model;

namespace Keepalived.Actors.Kernel.Scripts;

/// <summary>The outcome of one script run.</summary>
public readonly record struct ScriptResult(int ExitCode, bool TimedOut, string? Error)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut && Error is null;
}

/// <summary>
/// Runs configured scripts: fire-and-forget for notifies, or awaited with a timeout after which
/// the script and its children are killed (a timeout counts as a failure, as in keepalived).
/// A script that cannot be started is a result with <see cref="ScriptResult.Error"/>, never an
/// exception.
/// </summary>
public static class ScriptRunner
{
    public static async Task<ScriptResult> RunAsync(NotifyScript script, IReadOnlyList<string>? extraArgs,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Process process;
        try
        {
            process = Process.Start(ScriptCommand.StartInfo(script, extraArgs))
                ?? throw new InvalidOperationException("no process");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            return new ScriptResult(-1, false, $"cannot run {script}: {ex.Message}");
        }
        using (process)
        {
            process.StandardInput.Close();
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan) timer.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
                return new ScriptResult(process.ExitCode, false, null);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); }
                catch (InvalidOperationException) { }
                return new ScriptResult(-1, !cancellationToken.IsCancellationRequested, null);
            }
        }
    }
}
