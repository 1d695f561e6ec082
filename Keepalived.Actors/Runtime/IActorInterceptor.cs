namespace Keepalived.Actors.Runtime;

/// <summary>
/// Test hook (fault injection): sees every child creation and every user message before the
/// actor does. Null in production, where it costs one null check per message.
/// </summary>
public interface IActorInterceptor
{
    /// <summary>Returns the Props to use for the actor about to be created at <paramref name="path"/>.</summary>
    Props ResolveProps(ActorPath path, Props props);

    /// <summary>
    /// Runs on the actor's turn before <paramref name="message"/> is handled. May throw (the actor
    /// fails as if it had thrown), block (a stall), or return false to skip the message.
    /// </summary>
    bool BeforeReceive(IActorContext context, object message);
}
