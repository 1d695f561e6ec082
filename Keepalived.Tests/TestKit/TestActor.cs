using System.Collections.Concurrent;

namespace Keepalived.Actors.Runtime.TestKit;

/// <summary>A received message with its sender.</summary>
public sealed record MessageEnvelope(object Message, IActorRef Sender);

/// <summary>
/// The actor behind <c>TestActor</c> and every <see cref="TestProbe"/>: it queues whatever it
/// receives for the test thread, and watches actors on request.
/// </summary>
internal sealed class TestActor : UntypedActor
{
    private readonly BlockingCollection<MessageEnvelope> _queue;

    public TestActor(BlockingCollection<MessageEnvelope> queue) => _queue = queue;

    /// <summary>Watch or unwatch <paramref name="Subject"/>; <paramref name="Done"/> completes once it is set up.</summary>
    internal sealed record WatchRequest(IActorRef Subject, bool Watch, TaskCompletionSource Done);

    protected override void OnReceive(object message)
    {
        if (message is WatchRequest w)
        {
            if (w.Watch) Context.Watch(w.Subject);
            else Context.Unwatch(w.Subject);
            w.Done.TrySetResult();
            return;
        }
        _queue.Add(new MessageEnvelope(message, Sender));
    }
}
