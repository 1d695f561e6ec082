using Akka.Actor;
using Keepalived.Actors.Runtime;

namespace Keepalived.Bench;

/// <summary>Heap cost of an idle actor: N actors created, retained heap measured. Usage: -- memory [N]</summary>
public static class ActorMemory
{
    private sealed class Idle : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message);
    }

    public static void Run(int count)
    {
        Serilog.Log.Logger = Serilog.Core.Logger.None;
        using var system = ActorSystem.Create("memory");
        var before = GC.GetTotalMemory(true);
        var refs = new IActorRef[count];
        for (var i = 0; i < count; i++) refs[i] = system.ActorOf(Props.Create(() => new Idle()));
        // Let every actor process its Create.
        Task.WaitAll(refs.Select(r => r.Ask<object>(new Identify(), TimeSpan.FromSeconds(30))).ToArray());
        var after = GC.GetTotalMemory(true);
        Console.WriteLine($"{count} idle actors: {(after - before) / (double)count:F0} bytes each");
        GC.KeepAlive(refs);
    }

    private sealed class Identify;
}
