namespace Keepalived.Actors.Runtime;

/// <summary>A behaviour: returns false for a message it does not handle.</summary>
public delegate bool Receive(object message);

/// <summary>
/// What an actor sees of itself and its surroundings. Valid only on the actor's own thread,
/// while it processes a message or runs a lifecycle hook.
/// </summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>Sender of the message being processed; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    Props Props { get; }

    /// <summary>Creates a child; names are unique among live siblings (a name is free again once the child's termination was processed).</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The live child of that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    IEnumerable<IActorRef> GetChildren();

    /// <summary>Stops a child or this actor, asynchronously, after the current message.</summary>
    void Stop(IActorRef child);

    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="subject"/> stops, even if it is already dead.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Cancels a watch; no <see cref="Terminated"/> for it is delivered afterwards.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Sends <see cref="Runtime.ReceiveTimeout"/> after this long without messages; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> pops it.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();
}
