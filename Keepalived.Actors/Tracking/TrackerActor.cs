using Keepalived.Actors.Config.Vrrp;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Tracking;

/// <summary>
/// What every tracker actor shares: subscribers (the instances tracking it), each answered
/// with the current report as it subscribes and told every change after, never a repeat.
/// A subscriber that stops is forgotten.
/// </summary>
public abstract class TrackerActor : ServiceActor
{
    private readonly HashSet<IActorRef> _subscribers = [];
    private object? _last;

    /// <summary>Tell <paramref name="Subscriber"/> the current report now and every change from now on.</summary>
    public sealed record Subscribe(IActorRef Subscriber);

    public sealed record Unsubscribe(IActorRef Subscriber);

    /// <summary>
    /// A vrrp_script (<paramref name="Kind"/> Script) or vrrp_track_process (Process) is up or
    /// down; <paramref name="Up"/> null: not known yet (a script before its first result,
    /// keepalived's SCRIPT_INIT_STATE_INIT).
    /// </summary>
    public sealed record TrackerState(TrackKind Kind, string Name, bool? Up);

    protected TrackerActor(string name)
    {
        Name = name;
        Receive<Subscribe>(s =>
        {
            if (_subscribers.Add(s.Subscriber)) Context.Watch(s.Subscriber);
            if (_last is not null) s.Subscriber.Tell(_last, Self);
        });
        Receive<Unsubscribe>(u =>
        {
            if (_subscribers.Remove(u.Subscriber)) Context.Unwatch(u.Subscriber);
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
    }

    /// <summary>The tracked object's name in the configuration.</summary>
    protected string Name { get; }

    /// <summary>Records the current report and tells the subscribers when it differs from the last one.</summary>
    protected void Publish(object report)
    {
        if (Equals(report, _last)) return;
        _last = report;
        foreach (var s in _subscribers) s.Tell(report, Self);
    }
}
