using System.Collections.Concurrent;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Kernel.Scripts;

namespace Keepalived.Tests.Tracking;

/// <summary>
/// The script runner seam: every run waits until the test finishes it. Finishing runs the
/// actor's continuation inline, so the result is in its mailbox before the test goes on.
/// </summary>
internal sealed class FakeScriptRunner
{
    private readonly BlockingCollection<PendingRun> _started = new();

    public sealed record PendingRun(TimeSpan Timeout, CancellationToken Token, TaskCompletionSource<ScriptResult> Completion)
    {
        public void Exit(int code) => Completion.SetResult(new ScriptResult(code, false, null));

        public void TimeOut() => Completion.SetResult(new ScriptResult(-1, true, null));
    }

    public int Started { get; private set; }

    public Task<ScriptResult> Run(NotifyScript script, TimeSpan timeout, CancellationToken token)
    {
        var run = new PendingRun(timeout, token, new TaskCompletionSource<ScriptResult>());
        Started++;
        _started.Add(run);
        return run.Completion.Task;
    }

    /// <summary>The next run the actor started (waits up to 5 s).</summary>
    public PendingRun Next()
    {
        Assert.True(_started.TryTake(out var run, TimeSpan.FromSeconds(5)), "the script was not run");
        return run!;
    }

    public bool AnyStarted => _started.Count > 0;
}
