namespace Keepalived.Tests.Runtime;

public sealed class DispatcherTests(ITestOutputHelper output) : TestKit(output)
{
    /// <summary>Answers every message with the name of the thread it ran on.</summary>
    private sealed class ThreadReporter : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(Thread.CurrentThread.Name ?? "(pool)");
    }

    private sealed class Counter : UntypedActor
    {
        private int _next;

        protected override void OnReceive(object message)
        {
            if ((int)message != _next++) Sender.Tell($"out of order: {message}");
            else if (_next == 10_000) Sender.Tell("done");
        }
    }

    [Fact]
    public void Actors_given_a_dedicated_dispatcher_run_on_its_thread()
    {
        using var dispatcher = new DedicatedThreadDispatcher("test-vrrp");
        var pinned = Sys.ActorOf(Props.Create(() => new ThreadReporter()).WithDispatcher(dispatcher));
        var pooled = Sys.ActorOf(Props.Create(() => new ThreadReporter()));
        for (var i = 0; i < 3; i++)
        {
            pinned.Tell(i, TestActor);
            ExpectMsg("test-vrrp");
        }
        pooled.Tell(0, TestActor);
        Assert.NotEqual("test-vrrp", ExpectMsg<string>());
    }

    [Fact]
    public void A_dedicated_dispatcher_with_two_threads_keeps_each_actor_in_order()
    {
        using var dispatcher = new DedicatedThreadDispatcher("test-order", threads: 2);
        var counter = Sys.ActorOf(Props.Create(() => new Counter()).WithDispatcher(dispatcher));
        for (var i = 0; i < 10_000; i++) counter.Tell(i, TestActor);
        ExpectMsg("done", TimeSpan.FromSeconds(20));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void After_the_dispatcher_is_disposed_its_actors_still_run_on_the_pool()
    {
        var dispatcher = new DedicatedThreadDispatcher("test-disposed");
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter()).WithDispatcher(dispatcher));
        actor.Tell(0, TestActor);
        ExpectMsg("test-disposed");
        dispatcher.Dispose();
        actor.Tell(1, TestActor);
        Assert.NotEqual("test-disposed", ExpectMsg<string>());
    }

    [Fact]
    public void WithDispatcher_keeps_the_supervisor_strategy_and_the_reverse()
    {
        using var dispatcher = new DedicatedThreadDispatcher("test-props");
        var strategy = new OneForOneStrategy(3, TimeSpan.FromSeconds(1), SupervisorStrategy.DefaultDecider);
        var props = Props.Create(() => new ThreadReporter()).WithSupervisorStrategy(strategy).WithDispatcher(dispatcher);
        Assert.Same(strategy, props.SupervisorStrategy);
        Assert.Same(dispatcher, props.WithSupervisorStrategy(strategy).Dispatcher);
        Assert.Same(MessageDispatcher.ThreadPool, Props.Create(() => new ThreadReporter()).Dispatcher);
    }
}
