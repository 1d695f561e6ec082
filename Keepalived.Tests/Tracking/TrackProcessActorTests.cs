using System.Diagnostics;
using System.Text;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Tracking;

namespace Keepalived.Tests.Tracking;

public sealed class TrackProcessActorTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private volatile int _count;

    private IActorRef Start(TrackedProcess config)
    {
        var actor = Sys.ActorOf(TrackProcessActor.Props(config, _ => _count), "process");
        actor.Tell(new TrackerActor.Subscribe(TestActor));
        return actor;
    }

    private static TrackedProcess Config(int quorum = 1, uint quorumMax = uint.MaxValue, double forkDelay = 0, double terminateDelay = 0)
    {
        var p = ProcessMatcherTests.Process("app");
        p.Quorum = quorum;
        p.QuorumMax = quorumMax;
        p.ForkDelay = TimeSpan.FromSeconds(forkDelay);
        p.TerminateDelay = TimeSpan.FromSeconds(terminateDelay);
        return p;
    }

    /// <summary>Sets the count and lets one poll happen.</summary>
    private void Poll(int count, double seconds = 1)
    {
        _count = count;
        Advance(TimeSpan.FromSeconds(seconds));
    }

    /// <summary>As <see cref="Poll"/>, then the status: it comes first only if nothing was published.</summary>
    private TrackProcessActor.Status PollWith(IActorRef actor, int count, double seconds = 1)
    {
        Poll(count, seconds);
        actor.Tell(TrackProcessActor.GetStatus.Instance);
        return ExpectMsg<TrackProcessActor.Status>();
    }

    private bool? NextState() => ExpectMsg<TrackerActor.TrackerState>().Up;

    [Fact]
    public void Quorum_is_taken_as_found_at_start_then_followed()
    {
        _count = 2;
        var actor = Start(Config(quorum: 2, quorumMax: 3));
        Assert.True(NextState());
        PollWith(actor, 3);
        Poll(4);
        Assert.False(NextState());
        PollWith(actor, 1);
        Poll(2);
        Assert.True(NextState());
    }

    [Fact]
    public void Losing_quorum_waits_for_terminate_delay()
    {
        _count = 1;
        var actor = Start(Config(terminateDelay: 3, forkDelay: 10));
        Assert.True(NextState());
        var status = PollWith(actor, 0);
        Assert.True(status.DelayPending);
        Assert.True(status.HaveQuorum);
        PollWith(actor, 0, seconds: 1);
        Assert.True(PollWith(actor, 0, seconds: 0.5).DelayPending);
        Advance(TimeSpan.FromSeconds(1.6));
        Assert.False(NextState());
    }

    [Fact]
    public void Gaining_quorum_waits_for_fork_delay_and_a_change_undone_in_time_is_never_published()
    {
        _count = 0;
        var actor = Start(Config(forkDelay: 5, terminateDelay: 0));
        Assert.False(NextState());
        Assert.True(PollWith(actor, 1).DelayPending);
        // gone again before the delay ran out: nothing to say
        var status = PollWith(actor, 0);
        Assert.False(status.DelayPending);
        Advance(TimeSpan.FromSeconds(10));
        Assert.False(PollWith(actor, 0).HaveQuorum);

        Assert.True(PollWith(actor, 2).DelayPending);
        Advance(TimeSpan.FromSeconds(5));
        Assert.True(NextState());
    }

    [Fact]
    public void Quorum_max_0_means_up_only_when_none_runs()
    {
        _count = 0;
        var actor = Start(Config(quorum: 0, quorumMax: 0));
        Assert.True(NextState());
        Poll(1);
        Assert.False(NextState());
    }
}

/// <summary>A real process found in the real /proc.</summary>
public sealed class TrackProcessProcTests(ITestOutputHelper output) : ActorTest(output)
{
    [Fact]
    public void A_started_process_is_counted_and_its_exit_is_seen()
    {
        var marker = $"{Random.Shared.Next(100000, 999999)}.5";
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", marker) { UseShellExecute = false })!;
        try
        {
            var argv0 = Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{sleeper.Id}/cmdline")).Split('\0')[0];
            var config = ProcessMatcherTests.Process(argv0, ParamMatch.Exact, true, marker);
            var actor = Sys.ActorOf(TrackProcessActor.Props(config, pollInterval: TimeSpan.FromMilliseconds(100)));
            actor.Tell(new TrackerActor.Subscribe(TestActor));
            Assert.True(ExpectMsg<TrackerActor.TrackerState>().Up);
            sleeper.Kill();
            sleeper.WaitForExit();
            Assert.False(ExpectMsg<TrackerActor.TrackerState>(TimeSpan.FromSeconds(5)).Up);
        }
        finally
        {
            if (!sleeper.HasExited) sleeper.Kill();
        }
    }
}
