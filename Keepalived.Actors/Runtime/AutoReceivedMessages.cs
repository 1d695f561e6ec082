namespace Keepalived.Actors.Runtime;

/// <summary>Marks messages the runtime handles itself before the actor's behaviour sees them.</summary>
public interface IAutoReceivedMessage;

/// <summary>Marks messages that do not reset the receive timeout.</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Stops the actor once it reaches the head of the mailbox (messages before it are processed).</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();
    private PoisonPill() { }
    public override string ToString() => "<PoisonPill>";
}

/// <summary>Makes the actor throw <see cref="ActorKilledException"/>; its supervisor decides (by default: Stop).</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static readonly Kill Instance = new();
    private Kill() { }
    public override string ToString() => "<Kill>";
}

/// <summary>Delivered to every watcher once the watched actor has stopped.</summary>
/// <param name="ActorRef">The actor that stopped.</param>
/// <param name="ExistenceConfirmed">False when the actor was already gone when the watch arrived.</param>
/// <param name="AddressTerminated">Always false in a single-process system.</param>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated)
    : IAutoReceivedMessage, IPossiblyHarmful;

/// <summary>Sent when no message arrived for the duration set with <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout : IPossiblyHarmful
{
    public static readonly ReceiveTimeout Instance = new();
    private ReceiveTimeout() { }
    public override string ToString() => "<ReceiveTimeout>";
}

/// <summary>Marker for messages that should not be logged at debug level as normal traffic.</summary>
public interface IPossiblyHarmful;

/// <summary>Outcome messages, as used by Ask and PipeTo.</summary>
public static class Status
{
    public sealed record Success(object? Status);

    public sealed record Failure(Exception Cause)
    {
        public override string ToString() => $"Failure: {Cause.GetType().Name}: {Cause.Message}";
    }
}

/// <summary>Published on the event stream for every message that could not be delivered.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>Published on the event stream when an actor did not handle a message.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
