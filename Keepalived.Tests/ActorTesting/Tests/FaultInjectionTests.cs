using Akka.Event;
namespace Keepalived.Tests.ActorTesting.Tests;

public sealed class FaultInjectionTests(ITestOutputHelper output) : ActorTest(output)
{
    private IActorRef Started(string id, string? name = null)
    {
        var actor = Sys.ActorOf(LifecycleActor.Props(TestActor, id), name ?? id);
        ExpectMsg($"{id}:PreStart");
        return actor;
    }

    [Fact]
    public async Task Throw_on_next_message_by_path_restarts_the_actor_and_drops_that_message()
    {
        var actor = Started("a");
        var fault = Faults.On("/user/a").Throw();
        EventFilter.Exception<InjectedFaultException>().ExpectOne(() => actor.Tell("first"));
        ExpectMsg("a:PreRestart:first");
        ExpectMsg("a:PostStop");
        FishForMessage(m => m is "a:PreStart");
        actor.Tell("second");
        ExpectMsg("a:second");
        Assert.Equal(1, fault.Count);
        Assert.Equal(actor, await fault.WhenTriggered);
    }

    [Fact]
    public void Throw_on_a_matching_message_by_actor_type_with_a_glob()
    {
        var a = Started("a");
        var b = Started("b");
        Faults.On<LifecycleActor>().When(m => m is "poison").Throw(new TimeoutException("injected"));
        a.Tell("fine");
        ExpectMsg("a:fine");
        EventFilter.Exception<TimeoutException>("injected").ExpectOne(() => b.Tell("poison"));
        FishForMessage(m => m is "b:PreStart");
        // Used up: the next poison is an ordinary message.
        b.Tell("poison");
        ExpectMsg("b:poison");
        Faults.On("/user/*").When(m => m is "again").Throw(times: 2);
        EventFilter.Exception<InjectedFaultException>().Expect(2, () =>
        {
            a.Tell("again");
            b.Tell("again");
        });
    }

    [Fact]
    public void Throw_by_props_affects_only_actors_made_from_them()
    {
        var props = LifecycleActor.Props(TestActor, "p");
        var target = Sys.ActorOf(props, "target");
        ExpectMsg("p:PreStart");
        var other = Started("o");
        Faults.On(props).Throw();
        other.Tell("x");
        ExpectMsg("o:x");
        EventFilter.Exception<InjectedFaultException>().ExpectOne(() => target.Tell("x"));
    }

    [Fact]
    public async Task Stall_blocks_the_actor_before_the_message()
    {
        var actor = Started("a");
        var stall = Faults.On("/user/a").Stall(TimeSpan.FromMilliseconds(500));
        actor.Tell("slow");
        await stall.WhenTriggered.WaitAsync(TimeSpan.FromSeconds(5));
        // Stalled: a question asked now cannot be answered quickly...
        await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<object>("q", TimeSpan.FromMilliseconds(50)));
        // ...but nothing is lost.
        ExpectMsg("a:slow");
    }

    [Fact]
    public void Stop_fault_stops_the_actor_and_the_message_becomes_a_dead_letter()
    {
        var actor = Watch(Started("a"));
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe(letters.Ref, typeof(DeadLetter));
        Faults.On("/user/a").When(m => m is "last").Stop();
        actor.Tell("ok");
        ExpectMsg("a:ok");
        actor.Tell("last");
        ExpectMsg("a:PostStop");
        ExpectTerminated(actor);
        Assert.Equal("last", letters.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void Props_of_a_leaf_can_be_replaced_by_name_before_the_tree_starts()
    {
        Faults.ReplaceProps("netlink", LifecycleActor.Props(TestActor, "fake-netlink"));
        Faults.ReplaceProps("/user/tree/c1", LifecycleActor.Props(TestActor, "fake-c1"));
        Sys.ActorOf(LifecycleActor.Props(TestActor, "tree", _ =>
            [LifecycleActor.Props(TestActor, "real-c0"), LifecycleActor.Props(TestActor, "real-c1")]), "tree");
        ExpectMsgAllOf(["tree:PreStart", "real-c0:PreStart", "fake-c1:PreStart"]);
        var parent = Resolve("/user/tree");
        parent.Tell(new CreateChild(LifecycleActor.Props(TestActor, "real-netlink"), "netlink"));
        ExpectMsg<IActorRef>();
        ExpectMsg("fake-netlink:PreStart");
    }

    [Fact]
    public void A_removed_fault_never_fires()
    {
        var actor = Started("a");
        Faults.On("/user/a").Throw().Remove();
        actor.Tell("x");
        ExpectMsg("a:x");
    }
}
