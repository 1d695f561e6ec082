using System.Collections.Concurrent;

namespace Keepalived.Tests.Runtime;

public sealed class ActorSystemTests(ITestOutputHelper output) : TestKit(output)
{
    private sealed class Recorder(ConcurrentQueue<string> log, string id, int children) : UntypedActor
    {
        protected override void PreStart()
        {
            for (var i = 0; i < children; i++)
            {
                // the factory runs when the child starts, maybe after the loop: it must not see i move on
                var childId = $"{id}/{i}";
                Context.ActorOf(Props.Create(() => new Recorder(log, childId, children - 1)), $"n{i}");
            }
        }

        protected override void PostStop() => log.Enqueue(id);

        protected override void OnReceive(object message) => Unhandled(message);
    }

    [Fact]
    public async Task Terminate_stops_children_before_parents_and_completes()
    {
        var log = new ConcurrentQueue<string>();
        using var system = ActorSystem.Create("tree");
        system.ActorOf(Props.Create(() => new Recorder(log, "r", 3)), "r");
        // 1 + 3 + 3*2 + 3*2*1 = 16 actors
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        var order = log.ToArray();
        Assert.Equal(16, order.Length);
        Assert.Equal(16, order.Distinct().Count());
        foreach (var id in order)
        {
            var parent = id.Contains('/') ? id[..id.LastIndexOf('/')] : null;
            if (parent is not null)
                Assert.True(Array.IndexOf(order, id) < Array.IndexOf(order, parent), $"{id} stopped after its parent {parent}");
        }
        Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create(() => new Recorder(log, "late", 0))));
    }

    [Fact]
    public async Task Short_lived_systems_always_terminate()
    {
        // Guards the shutdown order against a guardian that stops before the root ran at all.
        for (var i = 0; i < 300; i++)
        {
            var system = ActorSystem.Create($"short-{i}");
            system.ActorOf(Props.Create(() => new Recorder(new ConcurrentQueue<string>(), "x", 1)));
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task PostStop_that_throws_is_logged_and_does_not_block_shutdown()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThrowingPostStop()), "bad");
        EventFilter.Exception<InvalidOperationException>("PostStop exploded").ExpectOne(() => Sys.Stop(actor));
        EventFilter.Exception<InvalidOperationException>("PostStop exploded").ExpectOne(() =>
        {
            Sys.ActorOf(Props.Create(() => new ThrowingPostStop()), "bad2");
            Sys.Terminate();
        });
        await Sys.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Paths_and_names()
    {
        Assert.Equal("/user", Sys.Guardian.Path.ToString());
        var a = Sys.ActorOf(Props.Create(() => new ThrowingPostStop()));
        Assert.StartsWith("/user/$", a.Path.ToString());
        Assert.Equal($"keepalived://{Sys.Name}/user/{a.Path.Name}", a.Path.ToStringWithAddress());
        Assert.Throws<InvalidOperationException>(() => new ThrowingPostStop());
    }

    private sealed class ThrowingPostStop : UntypedActor
    {
        protected override void PostStop() => throw new InvalidOperationException("PostStop exploded");
        protected override void OnReceive(object message) { }
    }
}
