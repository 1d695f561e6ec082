namespace Keepalived.Actors.Runtime;

/// <summary>
/// Publish/subscribe by type: a subscriber to a class or interface receives every published
/// event assignable to it. Actors are unsubscribed automatically when they stop.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private volatile (IActorRef Subscriber, Type Channel)[] _subscriptions = [];

    /// <summary>Returns false when the subscription already existed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            if (Array.Exists(_subscriptions, s => s.Subscriber.Equals(subscriber) && s.Channel == channel)) return false;
            _subscriptions = [.. _subscriptions, (subscriber, channel)];
            return true;
        }
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel) =>
        RemoveWhere(s => s.Subscriber.Equals(subscriber) && s.Channel == channel);

    public bool Unsubscribe(IActorRef subscriber) => RemoveWhere(s => s.Subscriber.Equals(subscriber));

    public void Publish(object @event)
    {
        var type = @event.GetType();
        foreach (var (subscriber, channel) in _subscriptions)
            if (channel.IsAssignableFrom(type)) subscriber.Tell(@event, ActorRefs.NoSender);
    }

    /// <summary>True when somebody listens for events of this type (publishing can be skipped otherwise).</summary>
    public bool HasSubscribers(Type eventType) => Array.Exists(_subscriptions, s => s.Channel.IsAssignableFrom(eventType));

    private bool RemoveWhere(Predicate<(IActorRef Subscriber, Type Channel)> match)
    {
        lock (_lock)
        {
            var kept = Array.FindAll(_subscriptions, s => !match(s));
            if (kept.Length == _subscriptions.Length) return false;
            _subscriptions = kept;
            return true;
        }
    }
}
