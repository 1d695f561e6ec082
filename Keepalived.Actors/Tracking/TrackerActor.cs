using Keepalived.Actors.Config.Vrrp;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Tracking;

/// <summary>
/// What every tracker actor shares: subscribers (the instances tracking it), each answered
/// with the current report as it subscribes and told every change after, never a repeat.
/// A subscriber that stops is forgotten. The subscribers and the last report are kept in a
/// <see cref="Subscribers"/> object given to the Props, so a tracker made again after a failure
/// (<see cref="LeafSupervision"/>) still tells them, and tells them nothing they already know.
/// </summary>
public abstract class TrackerActor : ServiceActor
{
    private readonly Subscribers _subscribers;

    /// <summary>What a tracker keeps across its incarnations: its subscribers and the last report they heard.</summary>
    public sealed class Subscribers
    {
        internal HashSet<IActorRef> Refs { get; } = [];
        internal object? Last { get; set; }
    }

    /// <summary>Tell <paramref name="Subscriber"/> the current report now and every change from now on.</summary>
    public sealed record Subscribe(IActorRef Subscriber);

    /// <summary>
    /// A vrrp_script (<paramref name="Kind"/> Script) or vrrp_track_process (Process) is up or
    /// down; <paramref name="Up"/> null: not known yet (a script before its first result,
    /// keepalived's SCRIPT_INIT_STATE_INIT).
    /// </summary>
    public sealed record TrackerState(TrackKind Kind, string Name, bool? Up);

    protected TrackerActor(string name, Subscribers subscribers)
    {
        Name = name;
        _subscribers = subscribers;
        // an earlier incarnation's subscribers: this one hears of their end too
        foreach (var s in subscribers.Refs) Context.Watch(s);
        Receive<Subscribe>(s =>
        {
            if (_subscribers.Refs.Add(s.Subscriber)) Context.Watch(s.Subscriber);
            if (_subscribers.Last is { } last) s.Subscriber.Tell(last, Self);
        });
        Receive<Terminated>(t => _subscribers.Refs.Remove(t.ActorRef));
    }

    /// <summary>The tracked object's name in the configuration.</summary>
    protected string Name { get; }

    /// <summary>Whether anything was reported yet (by this incarnation or an earlier one).</summary>
    protected bool HasReported => _subscribers.Last is not null;

    /// <summary>Records the current report and tells the subscribers when it differs from the last one.</summary>
    protected void Publish(object report)
    {
        if (Equals(report, _subscribers.Last)) return;
        _subscribers.Last = report;
        foreach (var s in _subscribers.Refs) s.Tell(report, Self);
    }
}
