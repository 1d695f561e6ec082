using Akka.Pattern;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Runtime;

namespace Keepalived.Tests.Supervision;

/// <summary>
/// A leaf's <see cref="LeafRef"/> tells the incarnation that runs, the one its BackoffSupervisor
/// made, and the supervisor while none runs (virtual time: the backoff waits for the test).
/// </summary>
public sealed class LeafRefTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private IActorRef? CurrentChild(LeafRef leaf)
    {
        leaf.Supervisor.Tell(BackoffSupervisor.GetCurrentChild.Instance, TestActor);
        return ExpectMsg<BackoffSupervisor.CurrentChild>().Ref;
    }

    [Fact]
    public void A_leaf_is_told_directly_while_an_incarnation_runs_and_through_its_supervisor_while_none_does()
    {
        var parent = Sys.ActorOf(Parent.Props(NotifyActor.Props(new GlobalConfig()), "notify"), "parent");
        parent.Tell(Parent.GetLeaf.Instance);
        var leaf = ExpectMsg<LeafRef>();
        AwaitCondition(() => leaf.Running is not null);
        var first = leaf.Running!;
        Assert.Equal(first, CurrentChild(leaf));
        leaf.Tell(Flush.Instance, TestActor);
        ExpectMsg<Flushed>();

        var fault = Faults.On("/user/parent/notify/notify").When(m => m is Flush).Throw();
        leaf.Tell(Flush.Instance, TestActor);
        // stopped, and not made again before the backoff: nothing runs to be told directly
        AwaitCondition(() => fault.Count == 1 && leaf.Running is null);
        Assert.Null(CurrentChild(leaf));

        Advance(LeafSupervision.MinBackoff * 2);
        AwaitCondition(() => leaf.Running is not null);
        Assert.NotEqual(first, leaf.Running);
        Assert.Equal(leaf.Running, CurrentChild(leaf));
        leaf.Tell(Flush.Instance, TestActor);
        ExpectMsg<Flushed>();
    }

    [Fact]
    public void A_plain_actor_is_told_through_the_reference_it_was_given()
    {
        var leaf = new LeafRef(TestActor);
        leaf.Tell("hello", TestActor);
        Assert.Equal("hello", ExpectMsg<string>());
        Assert.Null(leaf.Running);
    }

    /// <summary>Makes one leaf as the service's parents do, and hands out its <see cref="LeafRef"/>.</summary>
    private sealed class Parent : ServiceActor
    {
        public sealed class GetLeaf
        {
            public static readonly GetLeaf Instance = new();
        }

        public Parent(Props leaf, string name)
        {
            var leafRef = ActorOfLeaf(leaf, name);
            Receive<GetLeaf>(_ => Sender.Tell(leafRef));
        }

        public static Props Props(Props leaf, string name) => Akka.Actor.Props.Create(() => new Parent(leaf, name));
    }
}
