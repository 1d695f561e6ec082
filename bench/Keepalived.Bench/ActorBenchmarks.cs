using BenchmarkDotNet.Attributes;
using Akka.Actor;
using Keepalived.Actors.Runtime;

namespace Keepalived.Bench;

/// <summary>
/// Tell throughput between two actors, and ping-pong round trips. Per-operation figures: one
/// operation is one message (throughput) or one round trip (ping-pong).
/// </summary>
[MemoryDiagnoser]
public class ActorBenchmarks
{
    public const int Messages = 1_000_000;
    public const int RoundTrips = 100_000;

    private ActorSystem _system = null!;
    private IActorRef _producer = null!;
    private IActorRef _ping = null!;
    private TaskCompletionSource _done = new();

    [Params(30)]
    public int Throughput { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Serilog.Log.Logger = Serilog.Core.Logger.None;
        _system = ActorSystem.Create("bench", $"akka.actor.default-dispatcher.throughput = {Throughput}");
        var consumer = _system.ActorOf(Props.Create(() => new Consumer(this)), "consumer");
        _producer = _system.ActorOf(Props.Create(() => new Producer(consumer)), "producer");
        var pong = _system.ActorOf(Props.Create(() => new Pong()), "pong");
        _ping = _system.ActorOf(Props.Create(() => new Ping(this, pong)), "ping");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void TellThroughput()
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _producer.Tell(Messages, ActorRefs.NoSender);
        _done.Task.Wait();
    }

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public void PingPongRoundTrip()
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ping.Tell(RoundTrips, ActorRefs.NoSender);
        _done.Task.Wait();
    }

    internal void Done() => _done.TrySetResult();

    private sealed class Producer(IActorRef consumer) : UntypedActor
    {
        private static readonly object Payload = new();

        protected override void OnReceive(object message)
        {
            var n = (int)message;
            consumer.Tell(n, Self);
            for (var i = 1; i < n; i++) consumer.Tell(Payload, Self);
        }
    }

    private sealed class Consumer(ActorBenchmarks owner) : UntypedActor
    {
        private int _expected;
        private int _received;

        protected override void OnReceive(object message)
        {
            if (message is int n)
            {
                _expected = n;
                _received = 0;
            }
            if (++_received == _expected) owner.Done();
        }
    }

    private sealed class Ping(ActorBenchmarks owner, IActorRef pong) : UntypedActor
    {
        private int _left;

        protected override void OnReceive(object message)
        {
            if (message is int n) _left = n;
            else if (--_left == 0)
            {
                owner.Done();
                return;
            }
            pong.Tell(PingPongMessage.Instance, Self);
        }
    }

    private sealed class Pong : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }
}

internal sealed class PingPongMessage
{
    public static readonly PingPongMessage Instance = new();
}
