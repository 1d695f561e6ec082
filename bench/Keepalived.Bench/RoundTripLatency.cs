using System.Diagnostics;
using Akka.Actor;
using Keepalived.Actors.Runtime;

namespace Keepalived.Bench;

/// <summary>
/// Measures every single ping-pong round trip with the timestamp counter and prints the
/// percentiles (BenchmarkDotNet reports means per iteration; this gives the real median and tail).
/// </summary>
public static class RoundTripLatency
{
    private sealed record Stamp(long Sent);

    public static void Run(int warmup = 200_000, int measured = 1_000_000)
    {
        Serilog.Log.Logger = Serilog.Core.Logger.None;
        using var system = ActorSystem.Create("latency");
        var samples = new long[measured];
        var done = new TaskCompletionSource();
        var pong = system.ActorOf(Props.Create(() => new Pong()));
        var ping = system.ActorOf(Props.Create(() => new Ping(pong, samples, warmup, done)));
        ping.Tell("go", ActorRefs.NoSender);
        done.Task.Wait();
        Array.Sort(samples);
        double Us(double q) => samples[(int)(q * (samples.Length - 1))] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine($"round trips measured: {measured:N0} (after {warmup:N0} warm-up)");
        Console.WriteLine($"p50 {Us(0.50):F2} us  p90 {Us(0.90):F2} us  p99 {Us(0.99):F2} us  p99.9 {Us(0.999):F2} us  max {Us(1):F1} us");
    }

    private sealed class Ping(IActorRef pong, long[] samples, int warmup, TaskCompletionSource done) : UntypedActor
    {
        private int _count;

        protected override void OnReceive(object message)
        {
            if (message is Stamp s)
            {
                var i = _count++ - warmup;
                if (i >= 0) samples[i] = Stopwatch.GetTimestamp() - s.Sent;
                if (i == samples.Length - 1)
                {
                    done.TrySetResult();
                    return;
                }
            }
            pong.Tell(new Stamp(Stopwatch.GetTimestamp()), Self);
        }
    }

    private sealed class Pong : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);
    }
}
