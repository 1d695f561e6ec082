using Keepalived.Actors.Check.Probes;

namespace Keepalived.Tests.Check.Probes;

/// <summary>The bound on probes in flight: runs beyond it wait for a slot, a free slot starts on the caller's thread.</summary>
public sealed class ProbeGateTests
{
    /// <summary>A probe that runs until the test ends it, noting the thread it started on.</summary>
    private sealed class HeldProbe : IProbe
    {
        public readonly TaskCompletionSource<ProbeResult> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Starts;
        public int StartThread;

        public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Starts);
            StartThread = Environment.CurrentManagedThreadId;
            return Done.Task;
        }
    }

    [Fact]
    public async Task A_run_beyond_the_capacity_waits_until_one_ends()
    {
        var gate = new ProbeGate(2);
        var probes = Enumerable.Range(0, 3).Select(_ => new HeldProbe()).ToList();
        var runs = probes.Select(p => gate.Guard(p).RunAsync(0, CancellationToken.None)).ToList();
        Assert.Equal([1, 1, 0], probes.Select(p => p.Starts));
        Assert.Equal(1, gate.Waited);

        probes[0].Done.SetResult(ProbeResult.Fail("refused"));
        Assert.Equal(ProbeVerdict.Failure, (await runs[0]).Verdict);
        await WaitFor(() => probes[2].Starts == 1);
        probes[1].Done.SetResult(new ProbeResult(ProbeVerdict.Success, null));
        probes[2].Done.SetResult(new ProbeResult(ProbeVerdict.Success, null));
        Assert.Equal(ProbeVerdict.Success, (await runs[2]).Verdict);
    }

    [Fact]
    public void A_free_slot_starts_the_probe_on_the_callers_thread()
    {
        var probe = new HeldProbe();
        _ = new ProbeGate(1).Guard(probe).RunAsync(0, CancellationToken.None);
        Assert.Equal(Environment.CurrentManagedThreadId, probe.StartThread);
    }

    [Fact]
    public async Task A_run_cancelled_while_waiting_is_not_run_and_takes_no_slot()
    {
        var gate = new ProbeGate(1);
        var holder = new HeldProbe();
        _ = gate.Guard(holder).RunAsync(0, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = new HeldProbe();
        var run = gate.Guard(waiting).RunAsync(0, cancel.Token);
        cancel.Cancel();
        Assert.Equal(ProbeVerdict.NotRun, (await run).Verdict);
        Assert.Equal(0, waiting.Starts);
        holder.Done.SetResult(ProbeResult.Fail("x"));
        // the holder's slot went back, and the cancelled run took none: the next one starts
        var next = new HeldProbe();
        _ = gate.Guard(next).RunAsync(0, CancellationToken.None);
        await WaitFor(() => next.Starts == 1);
    }

    [Theory]
    [InlineData(1024, 256)]
    [InlineData(100, 64)]
    [InlineData(1_048_576, 4096)]
    public void The_default_capacity_is_a_quarter_of_the_descriptor_limit_within_64_and_4096(long limit, int capacity) =>
        Assert.Equal(capacity, ProbeGate.DefaultCapacity(limit));

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
