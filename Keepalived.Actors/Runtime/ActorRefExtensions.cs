namespace Keepalived.Actors.Runtime;

/// <summary>Tell with an implicit sender and Forward, as in Akka.NET.</summary>
public static class ActorRefImplicitSenderExtensions
{
    /// <summary>
    /// Tells <paramref name="message"/> with the current actor as sender when called inside an
    /// actor, and with no sender otherwise.
    /// </summary>
    public static void Tell(this ICanTell receiver, object message) =>
        receiver.Tell(message, ActorCell.Current?.Self ?? ActorCell.ThreadImplicitSender);

    /// <summary>Tells <paramref name="message"/> keeping the sender of the message being processed.</summary>
    public static void Forward(this ICanTell receiver, object message)
    {
        var cell = ActorCell.Current ?? throw new InvalidOperationException("Forward can only be used inside an actor");
        receiver.Tell(message, cell.CurrentSender);
    }

    /// <summary>True unless the ref is null or <see cref="ActorRefs.Nobody"/>.</summary>
    public static bool IsNobody(this IActorRef? actorRef) => actorRef is null || ReferenceEquals(actorRef, ActorRefs.Nobody);
}
