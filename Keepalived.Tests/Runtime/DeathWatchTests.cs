namespace Keepalived.Tests.Runtime;

public sealed class DeathWatchTests(ITestOutputHelper output) : TestKit(output)
{
    private IActorRef Started(string id)
    {
        var actor = Sys.ActorOf(LifecycleActor.Props(TestActor, id), id);
        ExpectMsg($"{id}:PreStart");
        return actor;
    }

    [Fact]
    public void Watch_delivers_Terminated_when_the_subject_stops()
    {
        var subject = Watch(Started("s"));
        Sys.Stop(subject);
        ExpectMsg("s:PostStop");
        var t = ExpectTerminated(subject);
        Assert.True(t.ExistenceConfirmed);
    }

    [Fact]
    public void Watch_of_an_already_dead_actor_still_yields_Terminated()
    {
        var subject = Started("s");
        var probe = CreateTestProbe();
        probe.Watch(subject);
        Sys.Stop(subject);
        probe.ExpectTerminated(subject);
        ExpectMsg("s:PostStop");

        Watch(subject);
        var t = ExpectTerminated(subject);
        Assert.False(t.ExistenceConfirmed);
    }

    [Fact]
    public void Watch_of_Nobody_yields_Terminated()
    {
        Watch(ActorRefs.Nobody);
        ExpectTerminated(ActorRefs.Nobody);
    }

    [Fact]
    public void Unwatch_means_no_Terminated()
    {
        var subject = Watch(Started("s"));
        Unwatch(subject);
        Sys.Stop(subject);
        ExpectMsg("s:PostStop");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_name_is_free_again_once_Terminated_arrived_and_not_before()
    {
        var restarter = Sys.ActorOf(Props.Create(() => new Recreator(TestActor)), "recreator");
        var first = ExpectMsg<IActorRef>();
        Assert.Equal("/user/recreator/worker", first.Path.ToString());
        first.Tell(PoisonPill.Instance);
        var second = ExpectMsg<IActorRef>();
        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first, second);

        // While the worker lives, its name is taken.
        restarter.Tell("duplicate");
        Assert.IsType<InvalidActorNameException>(ExpectMsg<Exception>());
    }

    [Fact]
    public void Child_lookup_and_children_list()
    {
        var parent = Sys.ActorOf(LifecycleActor.Props(TestActor, "p",
            _ => [LifecycleActor.Props(TestActor, "a"), LifecycleActor.Props(TestActor, "b")]), "p");
        ExpectMsgAllOf(["p:PreStart", "a:PreStart", "b:PreStart"]);
        Assert.Equal("/user/p/c1", Resolve("/user/p/c1").Path.ToString());
        var missing = Sys.ActorSelection("/user/p/nope").ResolveOne(TimeSpan.Zero);
        Assert.IsType<ActorNotFoundException>(missing.Exception?.InnerException);
        parent.Tell(new CreateChild(LifecycleActor.Props(TestActor, "x"), "x"));
        FishForMessage(m => m is IActorRef);
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Recreator(TestActor)), "p"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Recreator(TestActor)), "a/b"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Recreator(TestActor)), "$x"));
    }

    private sealed class Recreator : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Recreator(IActorRef probe)
        {
            _probe = probe;
            Receive<Terminated>(_ => Spawn());
            Receive<string>(_ =>
            {
                try { Context.ActorOf(Props.Create(() => new Recreator(ActorRefs.Nobody)), "worker"); }
                catch (Exception e) { _probe.Tell(e); }
            }, s => s == "duplicate");
        }

        protected override void PreStart()
        {
            if (!_probe.IsNobody()) Spawn();
        }

        private void Spawn() =>
            _probe.Tell(Context.Watch(Context.ActorOf(Props.Create(() => new Recreator(ActorRefs.Nobody)), "worker")));
    }
}
