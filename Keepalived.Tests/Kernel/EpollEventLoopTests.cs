using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.EventLoop;
using Keepalived.Actors.Kernel.Timers;
using Keepalived.Actors.Runtime;

namespace Keepalived.Tests.Kernel;

/// <summary>The VRRP event loop alone, and as the Akka dispatcher of the VRRP actors (the service's configuration).</summary>
public sealed class EpollEventLoopTests(ITestOutputHelper output) : ActorTest(output, eventLoop: true)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed class ThreadReporter : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(Thread.CurrentThread.Name ?? "(pool)");
    }

    private EpollEventLoop Loop => ((ClockScheduler)Sys.Scheduler).Loop!;

    private static Props OnTheLoop(Props props) => props.WithDispatcher(ActorSystemConfig.VrrpDispatcher);

    [Fact]
    public void Actors_on_the_vrrp_dispatcher_run_on_the_loop_thread()
    {
        var actor = Sys.ActorOf(OnTheLoop(Props.Create(() => new ThreadReporter())));
        for (var i = 0; i < 100; i++)
        {
            actor.Tell(i, TestActor);
            ExpectMsg("vrrp");
        }
        Sys.ActorOf(Props.Create(() => new ThreadReporter())).Tell(0, TestActor);
        Assert.NotEqual("vrrp", ExpectMsg<string>());
    }

    /// <summary>Tells "sent" to its peer and "continued" to itself; the peer reports to the test actor.</summary>
    private sealed class TellsPeerThenItself(IActorRef peer, IActorRef report) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "go")
            {
                peer.Tell("sent");
                Self.Tell("continued");
            }
            else report.Tell(message);
        }
    }

    [Fact]
    public void A_turn_on_the_loop_handles_one_message_so_a_peer_told_first_runs_first()
    {
        // Akka 1.5's mailbox handles throughput + 1 messages a turn unless a throughput deadline is
        // set; the VRRP dispatcher's configuration relies on that to get one message a turn
        var peer = Sys.ActorOf(OnTheLoop(Props.Create(() => new ForwardAll(TestActor))));
        var actor = Sys.ActorOf(OnTheLoop(Props.Create(() => new TellsPeerThenItself(peer, TestActor))));
        for (var i = 0; i < 20; i++)
        {
            actor.Tell("go");
            // a mailbox batch would have handled "continued" in the same turn, before the peer's turn
            ExpectMsg("sent");
            ExpectMsg("continued");
        }
    }

    private sealed class ForwardAll(IActorRef target) : UntypedActor
    {
        protected override void OnReceive(object message) => target.Tell(message);
    }

    [Fact]
    public void A_readable_descriptor_calls_its_handler_on_the_loop_thread_until_unregistered()
    {
        using var loop = new EpollEventLoop("test-fd");
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var got = new BlockingCollection<(string Thread, int Length)>();
        var buffer = new byte[64];
        loop.Register(receiver.SafeHandle, () =>
        {
            var n = receiver.Receive(buffer);
            got.Add((Thread.CurrentThread.Name ?? "", n));
        });
        sender.SendTo(new byte[3], receiver.LocalEndPoint!);
        Assert.True(got.TryTake(out var first, Wait));
        Assert.Equal(("test-fd", 3), first);

        loop.Unregister(receiver.SafeHandle);
        sender.SendTo(new byte[5], receiver.LocalEndPoint!);
        // the datagram stays queued: nobody reads it any more
        Assert.True(receiver.Poll(Wait, SelectMode.SelectRead));
        Assert.False(got.TryTake(out _, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Timers_of_a_loop_time_provider_fire_on_the_loop_thread_in_order()
    {
        using var loop = new EpollEventLoop("test-timers-loop");
        using var time = new TimerFdTimeProvider(loop);
        var fired = new ConcurrentQueue<(int Ms, string Thread)>();
        using var done = new CountdownEvent(3);
        var timers = new[] { 30, 10, 20 }.Select(ms => time.CreateTimer(_ =>
        {
            fired.Enqueue((ms, Thread.CurrentThread.Name ?? ""));
            done.Signal();
        }, null, TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan)).ToList();
        Assert.True(done.Wait(Wait));
        Assert.Equal([10, 20, 30], fired.Select(f => f.Ms));
        Assert.All(fired, f => Assert.Equal("test-timers-loop", f.Thread));
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void A_throwing_handler_is_counted_and_the_loop_goes_on()
    {
        var loop = Loop;
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var calls = 0;
        loop.Register(receiver.SafeHandle, () =>
        {
            receiver.Receive(new byte[64]);
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("handler failure");
        });
        sender.SendTo(new byte[1], receiver.LocalEndPoint!);
        sender.SendTo(new byte[1], receiver.LocalEndPoint!);
        var actor = Sys.ActorOf(OnTheLoop(Props.Create(() => new ThreadReporter())));
        AwaitCondition(() => Volatile.Read(ref calls) == 2, Wait);
        actor.Tell(0, TestActor);
        ExpectMsg("vrrp");
        Assert.Equal(1, loop.HandlerErrors);
        loop.Unregister(receiver.SafeHandle);
    }
}
