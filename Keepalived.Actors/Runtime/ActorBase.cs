namespace Keepalived.Actors.Runtime;

/// <summary>
/// Base of all actors. The runtime creates instances through <see cref="Props"/>; the
/// constructor, lifecycle hooks and message handlers all run on the actor's own turn, never
/// concurrently.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Current is { IsConstructing: true } cell
            ? cell
            : throw new InvalidOperationException(
                $"{GetType().Name} must be created through Props and ActorOf, not with 'new'");
    }

    /// <summary>The context of the actor currently running on this thread.</summary>
    protected static IActorContext Context =>
        ActorCell.Current ?? throw new InvalidOperationException("There is no active actor context on this thread");

    protected IActorRef Self => _cell.Self;

    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles one message; returns false when it was not handled.</summary>
    protected internal abstract bool Receive(object message);

    /// <summary>Called once before the first message (and, by default, after each restart).</summary>
    protected virtual void PreStart() { }

    /// <summary>Called once after the actor and all its children have stopped.</summary>
    protected virtual void PostStop() { }

    /// <summary>
    /// Called on the failed instance before it is replaced. The default stops all children and
    /// calls <see cref="PostStop"/>.
    /// </summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren())
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Called on the new instance after a restart. The default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; <see cref="Runtime.SupervisorStrategy.DefaultStrategy"/> unless overridden.</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy() => Runtime.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Called for messages the behaviour did not handle: an unhandled <see cref="Terminated"/>
    /// throws <see cref="DeathPactException"/>, anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t) throw new DeathPactException(t.ActorRef);
        _cell.PublishUnhandled(message);
    }

    /// <summary>Delivers one message to the current behaviour (Akka.NET's hook around every receive); false if unhandled.</summary>
    protected internal virtual bool AroundReceive(Receive receive, object message)
    {
        var handled = receive(message);
        if (!handled) Unhandled(message);
        return handled;
    }

    internal void AroundPreStart() => PreStart();
    internal void AroundPostStop() => PostStop();
    internal void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);
    internal void AroundPostRestart(Exception reason) => PostRestart(reason);
}
