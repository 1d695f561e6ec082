// Placeholder with the IPVS leaf's message contract until the leaf lands (replaced by it).
using Akka.Actor;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Kernel.Ipvs;

public sealed class IpvsActor : ServiceActor
{
    public sealed class State;
    public sealed record Settings(TimeSpan ReconcileInterval, bool LoadModule = true);
    public sealed record DesiredState(string Owner, IReadOnlyList<DesiredService> Services);
    public sealed record DesiredService(IpvsService Service, IReadOnlyList<IpvsDestination> Destinations);
    public sealed record Applied(string Owner, IReadOnlyList<string> Errors);
    public sealed record ReleaseAll { public static readonly ReleaseAll Instance = new(); }
    public sealed record Released { public static readonly Released Instance = new(); }
    public sealed record Forget { public static readonly Forget Instance = new(); }
    public sealed record SetTimeouts(IpvsTimeouts? Timeouts);
    public sealed record SyncDaemon(IpvsSyncDaemon Daemon, bool Start);
    public sealed record Subscribe(IActorRef Subscriber);
    public sealed record Unavailable(string Reason);

    public static Props Props(State state, Settings settings) => FactoryProps.Create(() => new IpvsActor());

    public IpvsActor()
    {
        Receive<DesiredState>(d => Sender.Tell(new Applied(d.Owner, [])));
        Receive<ReleaseAll>(_ => Sender.Tell(Released.Instance));
        Receive<Forget>(_ => Sender.Tell(Released.Instance));
        ReceiveAny(Unhandled);
    }
}
