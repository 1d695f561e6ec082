namespace Keepalived.Tests.Runtime;

public sealed class SupervisionTests(ITestOutputHelper output) : TestKit(output)
{
    private IActorRef Parent(SupervisorStrategy strategy, Func<IActorContext, IEnumerable<Props>> children, string id = "p") =>
        Sys.ActorOf(LifecycleActor.Props(TestActor, id, children, strategy), id);

    [Fact]
    public void Restart_keeps_the_mailbox_and_drops_the_failing_message()
    {
        var actor = Sys.ActorOf(LifecycleActor.Props(TestActor, "a"), "a");
        ExpectMsg("a:PreStart");
        var gate = new Gate();
        actor.Tell(gate);
        gate.AwaitEntered();
        // Queued behind the gate: one count, the failure, then two more counts.
        actor.Tell("count");
        actor.Tell("throw");
        actor.Tell("count");
        actor.Tell("count");
        gate.Release();

        ExpectMsg("a:count=1");
        ExpectMsg("a:PreRestart:throw");
        ExpectMsg("a:PostStop");
        ExpectMsg("a:PostRestart:a failed");
        ExpectMsg("a:PreStart");
        // The new incarnation starts from fresh state and gets the rest of the old mailbox.
        ExpectMsg("a:count=1");
        ExpectMsg("a:count=2");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Resume_keeps_the_instance_and_its_state()
    {
        var resume = new OneForOneStrategy(_ => Directive.Resume);
        Parent(resume, _ => [LifecycleActor.Props(TestActor, "c")]);
        ExpectMsg("p:PreStart");
        ExpectMsg("c:PreStart");
        var child = ChildLookup("/user/p/c0");
        using (EventFilter.Warning("Resume").Mute())
        {
            child.Tell("count");
            child.Tell("throw");
            child.Tell("count");
            ExpectMsg("c:count=1");
            ExpectMsg("c:count=2");
        }
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        Parent(SupervisorStrategy.StoppingStrategy, _ => [LifecycleActor.Props(TestActor, "c")]);
        ExpectMsg("p:PreStart");
        ExpectMsg("c:PreStart");
        var child = Watch(ChildLookup("/user/p/c0"));
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => child.Tell("throw"));
        ExpectMsg("c:PostStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Exhausted_retry_window_stops_the_child()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        Parent(strategy, _ => [LifecycleActor.Props(TestActor, "c")]);
        ExpectMsg("p:PreStart");
        ExpectMsg("c:PreStart");
        var child = Watch(ChildLookup("/user/p/c0"));
        for (var i = 0; i < 2; i++)
        {
            child.Tell("throw");
            FishForMessage(m => m is "c:PreStart");
        }
        child.Tell("throw");
        FishForMessage(m => m is "c:PostStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Default_decider_stops_on_Kill_and_on_initialization_failure()
    {
        var killed = Watch(Sys.ActorOf(LifecycleActor.Props(TestActor, "k"), "k"));
        ExpectMsg("k:PreStart");
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => killed.Tell(Kill.Instance));
        ExpectMsg("k:PostStop");
        ExpectTerminated(killed);

        IActorRef broken = ActorRefs.Nobody;
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() =>
            broken = Watch(Sys.ActorOf(Props.Create(() => new ThrowingConstructor()), "broken")));
        ExpectTerminated(broken);
    }

    [Fact]
    public void Escalate_reaches_the_grandparent_which_restarts_the_parent()
    {
        var seen = CreateTestProbe();
        var grandparentStrategy = new OneForOneStrategy(e =>
        {
            seen.Ref.Tell(e.Message);
            return Directive.Restart;
        });
        var escalate = new OneForOneStrategy(_ => Directive.Escalate);
        var gp = Sys.ActorOf(LifecycleActor.Props(TestActor, "gp",
            _ => [LifecycleActor.Props(TestActor, "p", _ => [LifecycleActor.Props(TestActor, "c")], escalate)],
            grandparentStrategy), "gp");
        ExpectMsg("gp:PreStart");
        ExpectMsg("p:PreStart");
        ExpectMsg("c:PreStart");

        ChildLookup("/user/gp/c0/c0").Tell("throw");

        Assert.Equal("c failed", seen.ExpectMsg<string>());
        // The parent restarts: the new incarnation waits until its old child has stopped.
        ExpectMsg("p:PreRestart:");
        ExpectMsgAllOf(["c:PostStop", "p:PostStop"]);
        ExpectMsg("p:PostRestart:c failed");
        ExpectMsg("p:PreStart");
        ExpectMsg("c:PreStart");
        seen.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void AllForOne_restarts_every_child()
    {
        var strategy = new AllForOneStrategy(_ => Directive.Restart);
        Parent(strategy, _ => [LifecycleActor.Props(TestActor, "x"), LifecycleActor.Props(TestActor, "y")]);
        ExpectMsgAllOf(["p:PreStart", "x:PreStart", "y:PreStart"]);
        ChildLookup("/user/p/c0").Tell("throw");
        ExpectMsgAllOf([
            "x:PreRestart:throw", "x:PostStop", "x:PostRestart:x failed", "x:PreStart",
            "y:PreRestart:", "y:PostStop", "y:PostRestart:x failed", "y:PreStart",
        ]);
    }

    [Fact]
    public void Restart_stops_children_before_the_new_incarnation_starts()
    {
        var parent = Sys.ActorOf(LifecycleActor.Props(TestActor, "p", _ => [LifecycleActor.Props(TestActor, "c")]), "p");
        ExpectMsg("p:PreStart");
        ExpectMsg("c:PreStart");
        parent.Tell("throw");
        ExpectMsg("p:PreRestart:throw");
        // The old instance's PostStop runs inside PreRestart, concurrently with the child's stop;
        // PostRestart waits for the child.
        ExpectMsgAllOf(["c:PostStop", "p:PostStop"]);
        ExpectMsg("p:PostRestart:p failed");
        ExpectMsg("p:PreStart");
        ExpectMsg("c:PreStart");
    }

    [Fact]
    public void Unhandled_Terminated_is_a_death_pact()
    {
        var subject = Sys.ActorOf(LifecycleActor.Props(TestActor, "s"), "s");
        ExpectMsg("s:PreStart");
        var watcher = Watch(Sys.ActorOf(Props.Create(() => new Watcher(subject)), "watcher"));
        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(subject));
        ExpectMsg("s:PostStop");
        ExpectTerminated(watcher);
    }

    [Fact]
    public void A_throwing_PreRestart_is_logged_and_the_restart_completes()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThrowingPreRestart(TestActor)), "tpr");
        ExpectMsg("started");
        EventFilter.Error("PreRestart threw").ExpectOne(() => actor.Tell("fail"));
        ExpectMsg("started");
        actor.Tell("ping");
        ExpectMsg("pong");
    }

    private IActorRef ChildLookup(string path) => Resolve(path);

    private sealed class ThrowingConstructor : UntypedActor
    {
        public ThrowingConstructor() => throw new InvalidOperationException("constructor failed");
        protected override void OnReceive(object message) { }
    }

    private sealed class Watcher : UntypedActor
    {
        public Watcher(IActorRef subject) => Context.Watch(subject);
        protected override void OnReceive(object message) => Unhandled(message);
    }

    private sealed class ThrowingPreRestart(IActorRef probe) : UntypedActor
    {
        protected override void PreStart() => probe.Tell("started");
        protected override void PreRestart(Exception reason, object? message) => throw new InvalidOperationException("boom in PreRestart");
        protected override void OnReceive(object message)
        {
            if (message is "fail") throw new InvalidOperationException("fail");
            Sender.Tell("pong");
        }
    }
}
