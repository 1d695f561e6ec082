using System.Collections.Concurrent;
using Akka.Actor;

namespace IpvsKernelCheck;

/// <summary>An actor that hands what it is told to the console program (a subscriber of the IPVS actor).</summary>
internal sealed class Collector : ReceiveActor
{
    public Collector(BlockingCollection<object> inbox) => ReceiveAny(inbox.Add);

    public static Props Props(BlockingCollection<object> inbox) => Akka.Actor.Props.Create(() => new Collector(inbox));
}
