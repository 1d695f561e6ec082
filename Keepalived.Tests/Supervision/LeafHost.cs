using Akka.Pattern;
using Keepalived.Actors.Runtime;

namespace Keepalived.Tests.Supervision;

/// <summary>
/// A parent that makes one leaf as the service's parents do (<see cref="ServiceActor.ActorOfLeaf"/>:
/// behind a BackoffSupervisor) and tells it everything through its <see cref="LeafRef"/>, keeping
/// the sender; the supervisor's own questions go to the supervisor.
/// </summary>
internal sealed class LeafHost : ServiceActor
{
    public LeafHost(Props leaf, string name)
    {
        var leafRef = ActorOfLeaf(leaf, name);
        Receive<BackoffSupervisor.GetCurrentChild>(m => leafRef.Supervisor.Forward(m));
        ReceiveAny(m => leafRef.Tell(m, Sender));
    }

    public static Props Props(Props leaf, string name) => Akka.Actor.Props.Create(() => new LeafHost(leaf, name));
}
