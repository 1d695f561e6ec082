using System.Collections.Concurrent;
using Akka.Configuration;
using Keepalived.Actors.Config.Hocon;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Timers;
using Keepalived.Actors.Runtime;

namespace Keepalived.Tests.Runtime;

/// <summary>The service's Akka configuration: its scheduler and VRRP dispatcher, and the operator's akka section.</summary>
public sealed class ActorSystemConfigTests
{
    private static readonly VrrpThreadScheduling Ordinary = new(0, null);

    private static HoconConfig Hocon(string text) => HoconParser.Parse(text);

    [Fact]
    public void Without_an_akka_section_there_is_nothing_to_hand_over()
    {
        Assert.Null(ActorSystemConfig.OperatorSection(Hocon("keepalived-net.vrrp.spread-adverts = off")));
    }

    [Fact]
    public void The_operators_akka_section_is_handed_to_akka_over_ours()
    {
        var section = ActorSystemConfig.OperatorSection(Hocon("""
            timeout = 3s
            akka { actor.ask-timeout = ${timeout}, log-dead-letters = 0 }
            """));
        var config = ActorSystemConfig.Service(Ordinary, debug: false, section);
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("akka.actor.ask-timeout"));
        Assert.Equal(0, config.GetInt("akka.log-dead-letters"));
        Assert.Equal(typeof(ClockScheduler).AssemblyQualifiedName, config.GetString("akka.scheduler.implementation"));
        Assert.Equal("timerfd", config.GetString("keepalived-net.scheduler.clock"));
    }

    [Fact]
    public void An_akka_section_that_replaces_the_scheduler_is_refused_naming_the_key()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ActorSystemConfig.OperatorSection(Hocon("""
            akka.scheduler.implementation = "Akka.Actor.HashedWheelTimerScheduler, Akka"
            """)));
        Assert.Contains("akka.scheduler.implementation", ex.Message);
    }

    [Theory]
    [InlineData("akka.actor.default-mailbox.mailbox-type = \"Akka.Dispatch.BoundedMailbox, Akka\"", "akka.actor.default-mailbox.mailbox-type")]
    [InlineData("akka.actor.deployment { \"/vrrp/*\" { dispatcher = akka.actor.default-dispatcher } }", "akka.actor.deployment.\"/vrrp/*\".dispatcher")]
    [InlineData("akka.actor.deployment { \"/user/x\" { mailbox = bounded } }", "akka.actor.deployment.\"/user/x\".mailbox")]
    public void An_akka_section_that_would_move_actors_off_the_loop_is_refused_naming_the_key(string section, string key)
    {
        var ex = Assert.Throws<ConfigurationException>(() => ActorSystemConfig.OperatorSection(Hocon(section)));
        Assert.StartsWith(key + ":", ex.Message);
    }

    [Fact]
    public void A_deployment_entry_without_a_dispatcher_or_mailbox_is_handed_over()
    {
        var section = ActorSystemConfig.OperatorSection(Hocon("akka.actor.deployment { \"/user/x\" { router = round-robin-pool, nr-of-instances = 2 } }"));
        Assert.Equal(2, section!.GetInt("akka.actor.deployment.\"/user/x\".nr-of-instances"));
    }

    [Fact]
    public void An_unknown_clock_stops_the_system_from_starting_with_the_key_named()
    {
        var config = ConfigurationFactory.ParseString("keepalived-net.scheduler.clock = sundial")
            .WithFallback(ActorSystemConfig.Test("system"));
        var ex = Assert.ThrowsAny<Exception>(() => ActorSystem.Create("bad-clock", config));
        Assert.Contains("keepalived-net.scheduler.clock", ex.ToString());
    }

    [Fact]
    public async Task The_service_configuration_keeps_timers_on_a_timerfd_of_the_vrrp_loop_which_runs_the_vrrp_dispatcher()
    {
        using var system = ActorSystem.Create("service", ActorSystemConfig.Service(Ordinary, debug: false));
        var scheduler = Assert.IsType<ClockScheduler>(system.Scheduler);
        Assert.NotNull(scheduler.Loop);
        Assert.IsType<TimerFdTimeProvider>(ActorClock.Of(system));
        var threads = new BlockingCollection<string>();
        system.ActorOf(Props.Create(() => new TimerReport(threads)).WithDispatcher(ActorSystemConfig.VrrpDispatcher));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(threads.TryTake(out var thread, TimeSpan.FromSeconds(5)), "no timer fired");
            Assert.Equal("vrrp", thread);
        }
        await system.Terminate();
    }

    [Fact]
    public async Task Messages_are_not_serialized_and_asking_for_it_says_why()
    {
        using var system = ActorSystem.Create("serialization", ActorSystemConfig.Test("system"));
        var serializer = system.Serialization.FindSerializerFor(new object());
        Assert.IsType<InProcessSerializer>(serializer);
        var ex = Assert.Throws<NotSupportedException>(() => serializer.ToBinary("advert"));
        Assert.Contains("serialize-messages", ex.Message);
        await system.Terminate();
    }

    private sealed class TimerReport : ReceiveActor, IWithTimers
    {
        public TimerReport(BlockingCollection<string> threads) => ReceiveAny(_ => threads.Add(Thread.CurrentThread.Name ?? ""));

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromMilliseconds(5));
    }
}
