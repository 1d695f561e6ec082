namespace Keepalived.Actors.Runtime;

/// <summary>Base of the runtime's own exceptions.</summary>
public class AkkaException : Exception
{
    public AkkaException(string message, Exception? cause = null) : base(message, cause) { }
}

/// <summary>Thrown by an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException(string message) : AkkaException(message);

/// <summary>Thrown when an actor does not handle the <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : AkkaException($"Monitored actor {deadActor} terminated")
{
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>Wraps a failure of an actor's constructor or <c>PreStart</c>.</summary>
public sealed class ActorInitializationException(IActorRef actor, string message, Exception? cause)
    : AkkaException(message, cause)
{
    public IActorRef Actor { get; } = actor;
}

/// <summary>Ask did not get an answer in time.</summary>
public sealed class AskTimeoutException(string message) : AkkaException(message);

/// <summary>A child name that is malformed or already taken by a live sibling.</summary>
public sealed class InvalidActorNameException(string message) : AkkaException(message);


/// <summary>No actor lives at the selected path.</summary>
public sealed class ActorNotFoundException(string message) : AkkaException(message);
