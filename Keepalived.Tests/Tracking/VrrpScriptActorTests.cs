using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Tracking;

namespace Keepalived.Tests.Tracking;

public sealed class VrrpScriptActorTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private readonly FakeScriptRunner _runner = new();

    internal static VrrpScript Script(string name = "chk", int rise = 1, int fall = 1, bool initFail = false,
        TimeSpan? timeout = null, string command = "/bin/true") =>
        new(name, default)
        {
            Script = new NotifyScript([command], $"vrrp_script {name}", default) { ExecutablePath = command },
            Interval = TimeSpan.FromSeconds(2),
            Timeout = timeout ?? TimeSpan.Zero,
            Rise = rise,
            Fall = fall,
            InitFail = initFail,
        };

    private IActorRef Start(VrrpScript script)
    {
        var actor = Sys.ActorOf(VrrpScriptActor.Props(script, _runner.Run), "script");
        actor.Tell(new TrackerActor.Subscribe(TestActor));
        return actor;
    }

    private VrrpScriptActor.Status StatusOf(IActorRef actor)
    {
        actor.Tell(VrrpScriptActor.GetStatus.Instance);
        return ExpectMsg<VrrpScriptActor.Status>();
    }

    [Fact]
    public void Runs_at_once_and_publishes_the_first_result()
    {
        Start(Script());
        Assert.Null(ExpectMsg<TrackerActor.TrackerState>().Up);
        var run = _runner.Next();
        Assert.Equal(TimeSpan.FromSeconds(2), run.Timeout);
        run.Exit(0);
        Assert.Equal(new TrackerActor.TrackerState(TrackKind.Script, "chk", true), ExpectMsg<TrackerActor.TrackerState>());
    }

    [Fact]
    public void Runs_every_interval_and_publishes_only_changes_after_rise_and_fall()
    {
        var actor = Start(Script(rise: 2, fall: 2, timeout: TimeSpan.FromMilliseconds(500)));
        ExpectMsg<TrackerActor.TrackerState>();
        var first = _runner.Next();
        Assert.Equal(TimeSpan.FromMilliseconds(500), first.Timeout);
        first.Exit(1);
        Assert.Equal(false, ExpectMsg<TrackerActor.TrackerState>().Up);

        // one success is not enough with rise 2
        Advance(TimeSpan.FromSeconds(2));
        _runner.Next().Exit(0);
        // the result reaches the actor through PipeTo; meanwhile and after it, only statuses come: nothing was published
        AwaitAssert(() => Assert.False(StatusOf(actor).Running));
        Advance(TimeSpan.FromSeconds(2));
        _runner.Next().Exit(0);
        Assert.Equal(true, ExpectMsg<TrackerActor.TrackerState>().Up);

        // a timed-out run is a failure; two in a row take it down
        Advance(TimeSpan.FromSeconds(2));
        _runner.Next().TimeOut();
        Assert.Equal(4, StatusOf(actor).Runs);
        Advance(TimeSpan.FromSeconds(2));
        _runner.Next().Exit(3);
        Assert.Equal(false, ExpectMsg<TrackerActor.TrackerState>().Up);
    }

    [Fact]
    public void A_tick_while_the_script_still_runs_is_skipped()
    {
        var actor = Start(Script());
        ExpectMsg<TrackerActor.TrackerState>();
        var run = _runner.Next();
        Advance(TimeSpan.FromSeconds(2));
        Advance(TimeSpan.FromSeconds(2));
        var status = StatusOf(actor);
        Assert.Equal((1L, 2L, true), (status.Runs, status.Skipped, status.Running));
        Assert.False(_runner.AnyStarted);

        run.Exit(0);
        ExpectMsg<TrackerActor.TrackerState>(s => s.Up == true);
        Advance(TimeSpan.FromSeconds(2));
        _runner.Next();
        Assert.Equal(2, StatusOf(actor).Runs);
    }

    [Fact]
    public void Init_fail_starts_down()
    {
        var actor = Start(Script(initFail: true));
        Assert.Equal(false, ExpectMsg<TrackerActor.TrackerState>().Up);
        _runner.Next().Exit(1);
        Assert.Equal(0, StatusOf(actor).Result);
    }

    [Fact]
    public void A_disabled_script_never_runs_and_stays_not_known()
    {
        var script = Script();
        script.Disabled = true;
        var actor = Start(script);
        Assert.Null(ExpectMsg<TrackerActor.TrackerState>().Up);
        Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, StatusOf(actor).Runs);
        Assert.Equal(0, _runner.Started);
    }

    [Fact]
    public void A_late_subscriber_hears_the_current_state_at_once()
    {
        var actor = Start(Script());
        ExpectMsg<TrackerActor.TrackerState>();
        _runner.Next().Exit(0);
        ExpectMsg<TrackerActor.TrackerState>(s => s.Up == true);
        var probe = CreateTestProbe();
        actor.Tell(new TrackerActor.Subscribe(probe.Ref));
        Assert.Equal(true, probe.ExpectMsg<TrackerActor.TrackerState>().Up);
    }

    [Fact]
    public void Stopping_cancels_a_run_in_progress()
    {
        var actor = Start(Script());
        ExpectMsg<TrackerActor.TrackerState>();
        var run = _runner.Next();
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Assert.True(run.Token.IsCancellationRequested);
    }
}

/// <summary>Real processes, real time.</summary>
public sealed class VrrpScriptActorProcessTests(ITestOutputHelper output) : ActorTest(output)
{
    [Theory]
    [InlineData("/bin/true", true)]
    [InlineData("/bin/false", false)]
    public void Real_script_exit_status_decides(string command, bool up)
    {
        var actor = Sys.ActorOf(VrrpScriptActor.Props(VrrpScriptActorTests.Script(command: command)));
        actor.Tell(new TrackerActor.Subscribe(TestActor));
        Assert.Null(ExpectMsg<TrackerActor.TrackerState>().Up);
        Assert.Equal(up, ExpectMsg<TrackerActor.TrackerState>(TimeSpan.FromSeconds(10)).Up);
    }
}
