using Akka.Actor;
using Akka.Event;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// Base of the service's actors: a <see cref="ReceiveActor"/> whose messages pass a test's
/// <see cref="IActorInterceptor"/> first (fault injection), and whose leaves are made through
/// it (<see cref="ActorOfLeaf"/>), so a test can put a stand-in under a real tree. A leaf says
/// when it runs and when it stops to its <see cref="LeafRef"/>, which then tells it directly.
/// </summary>
public abstract class ServiceActor : ReceiveActor
{
    private readonly IActorInterceptor? _interceptor = FaultInjection.InterceptorOf(Context.System);
    private ILoggingAdapter? _log;

    /// <summary>
    /// The actor's logger, made on first use: a logger holds the actor's path as text, and the
    /// health checker makes tens of thousands of actors at start that seldom log.
    /// </summary>
    protected ILoggingAdapter Log => _log ??= Context.GetLogger();

    protected override bool AroundReceive(Receive receive, object message) =>
        _interceptor is { } interceptor && !interceptor.BeforeReceive(Context, message) || base.AroundReceive(receive, message);

    /// <summary>
    /// Makes the leaf <paramref name="name"/> from <paramref name="props"/> (or from what a test put
    /// in their place) behind a BackoffSupervisor (<see cref="LeafSupervision"/>), which has the
    /// leaf's name; what is told to the <see cref="LeafRef"/> reaches the leaf.
    /// </summary>
    protected LeafRef ActorOfLeaf(Props props, string name) =>
        LeafRef.ActorOf(Context, _interceptor?.ResolveProps(Context, name, props) ?? props, name);

    public override void AroundPreStart()
    {
        base.AroundPreStart();
        LeafRef.IncarnationOf(Context.Props)?.Started(Self);
    }

    public override void AroundPostStop()
    {
        LeafRef.IncarnationOf(Context.Props)?.Stopped(Self);
        base.AroundPostStop();
    }
}
