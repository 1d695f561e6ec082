namespace Keepalived.Actors.Runtime;

/// <summary>
/// Death watch: <see cref="Terminated"/> reaches each watcher once, also when the subject was
/// already dead, and never after <c>Unwatch</c>.
/// </summary>
internal sealed partial class ActorCell
{
    private readonly HashSet<IActorRef> _watching = [];
    private readonly HashSet<IActorRef> _watchedBy = [];
    private readonly HashSet<IActorRef> _terminatedQueued = [];

    public IActorRef Watch(IActorRef subject)
    {
        if (subject.Equals(SelfRef) || !_watching.Add(subject)) return subject;
        if (subject is LocalActorRef local)
            local.SendSystemMessage(new Watch(local, SelfRef));
        else
            // Nobody, dead letters, promises: there is no actor to outlive.
            SendSystem(new DeathWatchNotification(subject, ExistenceConfirmed: false));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        _terminatedQueued.Remove(subject);
        if (_watching.Remove(subject) && subject is LocalActorRef local)
            local.SendSystemMessage(new Unwatch(local, SelfRef));
        return subject;
    }

    private void AddWatcher(Watch watch)
    {
        if (watch.Watchee.Equals(SelfRef) && !watch.Watcher.Equals(SelfRef)) _watchedBy.Add(watch.Watcher);
    }

    private void RemoveWatcher(Unwatch unwatch)
    {
        if (unwatch.Watchee.Equals(SelfRef)) _watchedBy.Remove(unwatch.Watcher);
    }

    private void WatchedActorTerminated(IActorRef actor, bool existenceConfirmed)
    {
        if (!_watching.Remove(actor) || _isTerminating) return;
        _terminatedQueued.Add(actor);
        // Through the user queue, so it comes after the messages the dead actor sent before.
        Post(new Envelope(new Terminated(actor, existenceConfirmed, AddressTerminated: false), actor));
    }

    private void UnwatchAll()
    {
        foreach (var subject in _watching)
            if (subject is LocalActorRef local) local.SendSystemMessage(new Unwatch(local, SelfRef));
        _watching.Clear();
        _terminatedQueued.Clear();
    }

    private void TellWatchersWeDied()
    {
        foreach (var watcher in _watchedBy)
            if (watcher is LocalActorRef local)
                local.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
        _watchedBy.Clear();
    }
}
