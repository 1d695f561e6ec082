using Akka.Actor;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// Test hook for fault injection: sees every user message of a <see cref="ServiceActor"/>
/// before it does, and the Props of every leaf it makes. Registered only by tests, through
/// <see cref="FaultInjection"/>; in the service there is none, and the hook costs one null check
/// per message.
/// </summary>
public interface IActorInterceptor
{
    /// <summary>The Props to use for the child <paramref name="name"/> that <paramref name="parent"/> is about to make.</summary>
    Props ResolveProps(IActorContext parent, string name, Props props);

    /// <summary>
    /// Runs on the actor's turn before <paramref name="message"/> is handled. May throw (the actor
    /// fails as if its handler had thrown), block (a stall), or return false to skip the message.
    /// </summary>
    bool BeforeReceive(IActorContext context, object message);
}

/// <summary>
/// The ActorSystem extension that holds a test's <see cref="IActorInterceptor"/>. Actors look it
/// up when they are made; the service never creates it.
/// </summary>
public sealed class FaultInjection : IExtension
{
    private volatile IActorInterceptor? _interceptor;

    public IActorInterceptor? Interceptor
    {
        get => _interceptor;
        set => _interceptor = value;
    }

    /// <summary>The system's extension, created on first use (tests only).</summary>
    public static FaultInjection Get(ActorSystem system) => system.WithExtension<FaultInjection, Provider>();

    /// <summary>The interceptor of <paramref name="system"/>, if a test registered one; never creates the extension.</summary>
    public static IActorInterceptor? InterceptorOf(ActorSystem system) =>
        system.HasExtension<FaultInjection>() ? system.GetExtension<FaultInjection>().Interceptor : null;

    /// <summary>The extension's id (Akka's ExtensionIdProvider).</summary>
    public sealed class Provider : ExtensionIdProvider<FaultInjection>
    {
        public override FaultInjection CreateExtension(ExtendedActorSystem system) => new();
    }
}
