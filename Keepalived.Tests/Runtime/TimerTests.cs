namespace Keepalived.Tests.Runtime;

public sealed class TimerTests(ITestOutputHelper output) : TestKit(output, virtualTime: true)
{
    private sealed record StartSingle(string Key, string Message, TimeSpan Delay);
    private sealed record StartPeriodic(string Key, string Message, TimeSpan Interval);
    private sealed record CancelTimer(string Key);
    private sealed record IsActive(string Key);
    private sealed record ThenReplace(Gate Gate, StartSingle Replacement);
    private sealed record ThenCancel(Gate Gate, string Key);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public TimerActor(IActorRef probe)
        {
            Receive<StartSingle>(s => Timers.StartSingleTimer(s.Key, s.Message, s.Delay));
            Receive<StartPeriodic>(p => Timers.StartPeriodicTimer(p.Key, p.Message, p.Interval));
            Receive<CancelTimer>(c => Timers.Cancel(c.Key));
            Receive<IsActive>(a => Sender.Tell(Timers.IsTimerActive(a.Key)));
            Receive<ThenReplace>(r =>
            {
                r.Gate.Pass();
                Timers.StartSingleTimer(r.Replacement.Key, r.Replacement.Message, r.Replacement.Delay);
            });
            Receive<ThenCancel>(c =>
            {
                c.Gate.Pass();
                Timers.Cancel(c.Key);
            });
            Receive<string>(s => s == "throw", _ => throw new InvalidOperationException("restart me"));
            Receive<string>(s => probe.Tell(s));
        }
    }

    private IActorRef NewTimerActor() => Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)), "timers");

    /// <summary>Round trip through the actor: everything sent before has been processed.</summary>
    private bool Active(IActorRef actor, string key)
    {
        actor.Tell(new IsActive(key));
        return ExpectMsg<bool>();
    }

    /// <summary>
    /// Keeps the actor busy in <paramref name="busy"/> while one second passes, so that a due
    /// tick waits in the mailbox behind it; then lets the actor go on.
    /// </summary>
    private void FireWhileBusy(IActorRef actor, Func<Gate, object> busy)
    {
        var gate = new Gate();
        actor.Tell(busy(gate));
        gate.AwaitEntered();
        Advance(TimeSpan.FromSeconds(1));
        gate.Release();
    }

    [Fact]
    public void Single_timer_fires_once_when_due()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(2)));
        Assert.True(Active(actor, "k"));
        Advance(TimeSpan.FromMilliseconds(1999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("tick");
        Assert.False(Active(actor, "k"));
        Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Periodic_timer_fires_every_interval_until_cancelled()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "tick", TimeSpan.FromSeconds(1)));
        Assert.True(Active(actor, "p"));
        Advance(TimeSpan.FromSeconds(3));
        ExpectMsgAllOf(["tick", "tick", "tick"]);
        actor.Tell(new CancelTimer("p"));
        Assert.False(Active(actor, "p"));
        Advance(TimeSpan.FromSeconds(3));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, Scheduler.PendingTimers);
    }

    [Theory]
    [InlineData(true)]
    // a single timer re-uses its tick object at every start: the queued one must still not count
    [InlineData(false)]
    public void A_queued_tick_of_a_replaced_timer_is_never_delivered(bool periodic)
    {
        var actor = NewTimerActor();
        actor.Tell(periodic ? new StartPeriodic("k", "old", TimeSpan.FromSeconds(1)) : new StartSingle("k", "old", TimeSpan.FromSeconds(1)));
        Assert.True(Active(actor, "k"));
        // The actor replaces the timer after the old one's tick was queued.
        FireWhileBusy(actor, gate => new ThenReplace(gate, new StartSingle("k", "new", TimeSpan.FromSeconds(5))));
        Assert.True(Active(actor, "k"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        // The replacement started at 1 s, so it is due at 6 s.
        Advance(TimeSpan.FromSeconds(4));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("new");
        Assert.False(Active(actor, "k"));
        Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_single_timer_restarted_many_times_fires_once_for_the_last_start()
    {
        var actor = NewTimerActor();
        for (var i = 0; i < 5; i++)
        {
            actor.Tell(new StartSingle("k", $"tick{i}", TimeSpan.FromSeconds(1)));
            Assert.True(Active(actor, "k"));
            Advance(TimeSpan.FromMilliseconds(500));
        }
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(500));
        ExpectMsg("tick4");
        Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_queued_tick_of_a_cancelled_timer_is_never_delivered()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "late", TimeSpan.FromSeconds(1)));
        Assert.True(Active(actor, "k"));
        FireWhileBusy(actor, gate => new ThenCancel(gate, "k"));
        Assert.False(Active(actor, "k"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Timers_are_cancelled_on_restart()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)));
        actor.Tell(new StartPeriodic("p", "tock", TimeSpan.FromSeconds(1)));
        Assert.True(Active(actor, "k"));
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => actor.Tell("throw"));
        Assert.False(Active(actor, "k"));
        Assert.False(Active(actor, "p"));
        Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, Scheduler.PendingTimers);
    }

    [Fact]
    public void Timers_are_cancelled_on_stop()
    {
        var actor = Watch(NewTimerActor());
        actor.Tell(new StartPeriodic("p", "tock", TimeSpan.FromSeconds(1)));
        Assert.True(Active(actor, "p"));
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Assert.Equal(0, Scheduler.PendingTimers);
    }

    [Fact]
    public void A_throwing_scheduled_action_is_logged_and_the_scheduler_goes_on()
    {
        Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromSeconds(1), () => throw new InvalidOperationException("bad action"));
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "after", ActorRefs.NoSender);
        EventFilter.Exception<InvalidOperationException>("bad action").ExpectOne(() => Advance(TimeSpan.FromSeconds(1)));
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("after");
    }

    [Fact]
    public void Scheduler_runs_on_virtual_time()
    {
        var start = Sys.Scheduler.MonotonicClock;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMinutes(10), TestActor, "later", ActorRefs.NoSender);
        var cancelled = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMinutes(5), TestActor, "never", ActorRefs.NoSender);
        cancelled.Cancel();
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMinutes(10));
        ExpectMsg("later");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMinutes(10), Sys.Scheduler.MonotonicClock - start);
    }
}
