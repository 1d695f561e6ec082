using Akka.Actor;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// Base of the service's actors: a <see cref="ReceiveActor"/> whose messages pass a test's
/// <see cref="IActorInterceptor"/> first (fault injection), and whose leaves are made through
/// it (<see cref="ActorOfLeaf"/>), so a test can put a stand-in under a real tree.
/// </summary>
public abstract class ServiceActor : ReceiveActor
{
    private readonly IActorInterceptor? _interceptor = FaultInjection.InterceptorOf(Context.System);

    protected override bool AroundReceive(Receive receive, object message) =>
        _interceptor is { } interceptor && !interceptor.BeforeReceive(Context, message) || base.AroundReceive(receive, message);

    /// <summary>
    /// Makes the leaf <paramref name="name"/> from <paramref name="props"/> (or from what a test put
    /// in their place) behind a BackoffSupervisor (<see cref="LeafSupervision"/>); the reference is
    /// the supervisor's, which forwards to the leaf.
    /// </summary>
    protected IActorRef ActorOfLeaf(Props props, string name) =>
        Context.ActorOf(LeafSupervision.Supervised(_interceptor?.ResolveProps(Context, name, props) ?? props, name), name);
}
