using Serilog.Events;

namespace Keepalived.Tests.Runtime;

public sealed class BehaviourTests(ITestOutputHelper output) : TestKit(output)
{
    private sealed class Switch : ReceiveActor
    {
        public Switch()
        {
            Receive<int>(n => n < 0, _ => Sender.Tell("negative"));
            Receive<int>(n => Sender.Tell($"int {n}"));
            Receive<string>(s => s == "on", _ => Become(On));
            Receive<string>(s => s == "push", _ => BecomeStacked(() => ReceiveAny(m => Sender.Tell($"pushed {m}"))));
        }

        private void On()
        {
            Receive<string>(s => s == "off", _ => Become(() => { }));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell($"on {s}"));
        }
    }

    private sealed class Logger : UntypedActor
    {
        protected override void OnReceive(object message) =>
            Context.GetLogger().Info("Instance {Instance} is now {State}", "VI_1", message);
    }

    [Fact]
    public void Typed_handlers_are_tried_in_order_with_predicates()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switch()));
        actor.Tell(-5);
        ExpectMsg("negative");
        actor.Tell(5);
        ExpectMsg("int 5");
    }

    [Fact]
    public void Become_replaces_the_handlers_and_unhandled_messages_are_published()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switch()));
        var unhandled = CreateTestProbe();
        Sys.EventStream.Subscribe(unhandled.Ref, typeof(UnhandledMessage));

        actor.Tell("on");
        actor.Tell("x");
        ExpectMsg("on x");
        actor.Tell(1);
        Assert.Equal(1, unhandled.ExpectMsg<UnhandledMessage>().Message);
        actor.Tell("off");
        actor.Tell("y");
        var u = unhandled.ExpectMsg<UnhandledMessage>();
        Assert.Equal("y", u.Message);
        Assert.Equal(actor, u.Recipient);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void BecomeStacked_and_UnbecomeStacked()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switch()));
        actor.Tell("push");
        actor.Tell(3);
        ExpectMsg("pushed 3");
    }

    [Fact]
    public void Receive_outside_the_constructor_is_rejected()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LateReceive()));
        EventFilter.Exception<InvalidOperationException>("only be called in the constructor").ExpectOne(() => actor.Tell("go"));
    }

    private sealed class LateReceive : ReceiveActor
    {
        public LateReceive() => Receive<string>(_ => Receive<int>(_ => { }));
    }

    [Fact]
    public void Event_stream_delivers_by_type_and_forgets_stopped_subscribers()
    {
        var all = CreateTestProbe();
        var strings = CreateTestProbe();
        Sys.EventStream.Subscribe(all.Ref, typeof(object));
        Assert.True(Sys.EventStream.Subscribe(strings.Ref, typeof(string)));
        Assert.False(Sys.EventStream.Subscribe(strings.Ref, typeof(string)));
        Sys.EventStream.Publish("event");
        Sys.EventStream.Publish(42);
        strings.ExpectMsg("event");
        all.ExpectMsgAllOf(["event", 42]);
        strings.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        Assert.True(Sys.EventStream.Unsubscribe(strings.Ref, typeof(string)));
        Watch(all.Ref);
        Sys.Stop(all.Ref);
        ExpectTerminated(all.Ref);
        Assert.False(Sys.EventStream.HasSubscribers(typeof(int)));
    }

    [Fact]
    public void Actor_log_events_carry_the_actor_path()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Logger()), "logger");
        EventFilter.Info("is now").FromSource("/user/logger").ExpectOne(() => actor.Tell("MASTER"));
        var e = LogSink.Events.Last(ev => ev.Level == LogEventLevel.Information && ev.Properties.ContainsKey("Instance"));
        Assert.Equal("\"/user/logger\"", e.Properties["ActorPath"].ToString());
        Assert.Equal("\"VI_1\"", e.Properties["Instance"].ToString());
    }
}

public sealed class ReceiveTimeoutTests(ITestOutputHelper output) : TestKit(output, virtualTime: true)
{
    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(3));
            Receive<ReceiveTimeout>(_ => probe.Tell("idle"));
            Receive<string>(s => s == "off", _ => Context.SetReceiveTimeout(null));
            Receive<string>(s => probe.Tell(s));
        }
    }

    [Fact]
    public void Receive_timeout_fires_after_silence_and_is_reset_by_messages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor)));
        actor.Tell("hello");
        ExpectMsg("hello");
        Advance(TimeSpan.FromSeconds(2));
        actor.Tell("again");
        ExpectMsg("again");
        Advance(TimeSpan.FromSeconds(2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("idle");
        actor.Tell("off");
        Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}
