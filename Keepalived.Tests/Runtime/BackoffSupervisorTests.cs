namespace Keepalived.Tests.Runtime;

public sealed class BackoffSupervisorTests(ITestOutputHelper output) : TestKit(output, virtualTime: true)
{
    private static readonly TimeSpan Min = TimeSpan.FromSeconds(1), Max = TimeSpan.FromSeconds(5);

    private BackoffOptions OnFailure(int maxNrOfRetries = -1) =>
        Backoff.OnFailure(LifecycleActor.Props(TestActor, "w"), "worker", Min, Max, 0.0, maxNrOfRetries);

    /// <summary>Fails the worker and checks that it comes back after exactly <paramref name="delay"/>.</summary>
    private void FailAndExpectRestartAfter(IActorRef supervisor, TimeSpan delay)
    {
        using (EventFilter.Exception<InvalidOperationException>().Mute())
        {
            supervisor.Tell("throw");
            ExpectMsg("w:PostStop");
        }
        AwaitChildGone(supervisor);
        Advance(delay - TimeSpan.FromMilliseconds(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("w:PreStart");
        // The child can start on the other core before the supervisor has finished starting it
        // (and set its reset timer): a round trip makes sure it has, before time moves on.
        Assert.False(CurrentChild(supervisor).IsNobody());
    }

    private IActorRef CurrentChild(IActorRef supervisor)
    {
        supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance);
        return ExpectMsg<BackoffSupervisor.CurrentChild>().Ref;
    }

    /// <summary>Once the supervisor has seen the child die, its restart timer is set.</summary>
    private void AwaitChildGone(IActorRef supervisor) =>
        AwaitAssert(() => Assert.True(CurrentChild(supervisor).IsNobody()));

    private int RestartCount(IActorRef supervisor)
    {
        supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance);
        return ExpectMsg<BackoffSupervisor.RestartCount>().Count;
    }

    [Fact]
    public void Delays_double_up_to_the_maximum_and_messages_reach_the_child()
    {
        var supervisor = Sys.ActorOf(OnFailure().WithManualReset().Props, "backoff");
        ExpectMsg("w:PreStart");
        supervisor.Tell("hello");
        ExpectMsg("w:hello");
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(1));
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(2));
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(4));
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(5));
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(5));
        Assert.Equal(5, RestartCount(supervisor));
        Assert.Equal("/user/backoff/worker", CurrentChild(supervisor).Path.ToString());

        supervisor.Tell(BackoffSupervisor.Reset.Instance);
        Assert.Equal(0, RestartCount(supervisor));
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_count_resets_after_the_child_lived_long_enough()
    {
        var supervisor = Sys.ActorOf(OnFailure().WithAutoReset(TimeSpan.FromSeconds(10)).Props, "backoff");
        ExpectMsg("w:PreStart");
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(1));
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(2));
        Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(2, RestartCount(supervisor));
        Advance(TimeSpan.FromSeconds(1));
        AwaitAssert(() => Assert.Equal(0, RestartCount(supervisor)));
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_supervisor_stops_when_retries_are_used_up()
    {
        var supervisor = Watch(Sys.ActorOf(OnFailure(maxNrOfRetries: 1).Props, "backoff"));
        ExpectMsg("w:PreStart");
        FailAndExpectRestartAfter(supervisor, TimeSpan.FromSeconds(1));
        using (EventFilter.Exception<InvalidOperationException>().Mute())
        {
            supervisor.Tell("throw");
            ExpectMsg("w:PostStop");
        }
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void OnFailure_supervisor_stops_with_a_child_that_stops_by_itself()
    {
        var supervisor = Watch(Sys.ActorOf(OnFailure().Props, "backoff"));
        ExpectMsg("w:PreStart");
        supervisor.Tell("stop-me");
        // the supervisor forwards to the child: the PoisonPill must not overtake that message
        ExpectMsg("w:stop-me");
        CurrentChild(supervisor).Tell(PoisonPill.Instance);
        ExpectMsg("w:PostStop");
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void OnStop_restarts_a_child_that_stopped_by_itself()
    {
        var options = Backoff.OnStop(LifecycleActor.Props(TestActor, "w"), "worker", Min, Max, 0.0);
        var supervisor = Sys.ActorOf(options.Props, "backoff");
        ExpectMsg("w:PreStart");
        CurrentChild(supervisor).Tell(PoisonPill.Instance);
        ExpectMsg("w:PostStop");
        AwaitChildGone(supervisor);
        Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("w:PreStart");
        Assert.Equal(1, RestartCount(supervisor));
    }

    [Fact]
    public void Random_factor_stretches_the_delay_within_bounds()
    {
        for (var restart = 0; restart < 40; restart++)
        {
            var d = BackoffSupervisor.CalculateDelay(restart, Min, Max, 0.5);
            var expected = restart >= 30 ? Max : TimeSpan.FromTicks(Math.Min(Max.Ticks, Min.Ticks << Math.Min(restart, 20)));
            Assert.InRange(d, expected, restart >= 30 ? expected : expected * 1.5);
        }
    }
}
