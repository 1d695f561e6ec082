using Keepalived.Actors.Runtime;

namespace Keepalived.Tests.Supervision;

/// <summary>
/// A parent that makes one leaf as the service's parents do (<see cref="ServiceActor.ActorOfLeaf"/>:
/// behind a BackoffSupervisor) and forwards everything to it, keeping the sender.
/// </summary>
internal sealed class LeafHost : ServiceActor
{
    public LeafHost(Props leaf, string name)
    {
        var supervisor = ActorOfLeaf(leaf, name);
        ReceiveAny(m => supervisor.Forward(m));
    }

    public static Props Props(Props leaf, string name) => Akka.Actor.Props.Create(() => new LeafHost(leaf, name));
}
