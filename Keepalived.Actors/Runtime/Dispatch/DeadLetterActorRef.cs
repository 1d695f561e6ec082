namespace Keepalived.Actors.Runtime;

/// <summary>
/// Where undeliverable messages go: each is published on the event stream as a
/// <see cref="DeadLetter"/>, and the first few are logged.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system) : ActorRefBase(ActorPath.Root(system.Name) / "deadLetters")
{
    private int _logged;

    public override void Tell(object message, IActorRef? sender) =>
        Publish(message is DeadLetter d ? d : new DeadLetter(message, sender ?? this, this));

    internal void Publish(DeadLetter letter)
    {
        system.EventStream.Publish(letter);
        var limit = system.Settings.LogDeadLetters;
        var n = Interlocked.Increment(ref _logged);
        if (n <= limit)
            system.Log.Info(
                "Message {MessageType} from {Sender} to {Recipient} was not delivered. {Count} dead letters encountered{More}",
                letter.Message.GetType().Name, letter.Sender.Path.ToString(), letter.Recipient.Path.ToString(), n,
                n == limit ? ", no more dead letters will be logged" : ".");
    }
}
