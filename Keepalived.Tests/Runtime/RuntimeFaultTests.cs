using Akka.Event;
using Keepalived.Actors.Runtime;
using Keepalived.Tests.ActorTesting;

namespace Keepalived.Tests.Runtime;

/// <summary>
/// Faults inside the runtime itself, on the service's real timerfd clock and VRRP loop: none may
/// stop the loop, lose a later timer or keep the system from terminating.
/// </summary>
public sealed class RuntimeFaultTests() : ActorTest(eventLoop: true, config: "keepalived-net.scheduler.clock = timerfd")
{
    [Fact]
    public void A_scheduled_action_that_throws_is_logged_and_later_timers_still_fire()
    {
        var scheduler = Sys.Scheduler.Advanced;
        scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => throw new InvalidOperationException("timer action failure"));
        scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(20), () => TestActor.Tell("later"));
        ExpectMsg("later");
        var failure = Assert.Single(Logs.WithTemplate("A scheduled action failed"));
        Assert.Equal(LogLevel.ErrorLevel, failure.LogLevel());
        Assert.IsType<InvalidOperationException>(failure.Cause);
    }

    [Fact]
    public void An_actor_on_the_vrrp_loop_that_throws_is_restarted_and_the_loop_keeps_turning()
    {
        var failing = Sys.ActorOf(Props.Create(() => new Echo()).WithDispatcher(ActorSystemConfig.VrrpDispatcher), "failing");
        var bystander = Sys.ActorOf(Props.Create(() => new Echo()).WithDispatcher(ActorSystemConfig.VrrpDispatcher), "bystander");
        failing.Tell("throw");
        bystander.Tell("ping");
        ExpectMsg("ping:vrrp");
        failing.Tell("ping");
        ExpectMsg("ping:vrrp");
        Assert.Contains(Logs.Events, e => e.LogLevel() == LogLevel.ErrorLevel && e.LogSource.Contains("failing"));
    }

    [Fact]
    public async Task A_PostStop_that_throws_is_logged_and_the_system_still_terminates()
    {
        Sys.ActorOf(Props.Create(() => new ThrowingPostStop()).WithDispatcher(ActorSystemConfig.VrrpDispatcher), "bad-post-stop");
        var terminated = Sys.Terminate();
        Assert.Same(terminated, await Task.WhenAny(terminated, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Contains(Logs.Events, e => e.Cause is InvalidOperationException { Message: "PostStop failure" });
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo()
        {
            Receive<string>(m => m == "throw", _ => throw new InvalidOperationException("handler failure"));
            Receive<string>(m => Sender.Tell($"{m}:{Thread.CurrentThread.Name}"));
        }
    }

    private sealed class ThrowingPostStop : ReceiveActor
    {
        protected override void PostStop() => throw new InvalidOperationException("PostStop failure");
    }
}
