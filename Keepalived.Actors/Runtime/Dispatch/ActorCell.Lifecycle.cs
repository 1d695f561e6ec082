namespace Keepalived.Actors.Runtime;

/// <summary>
/// Creation, failure, restart and termination, following Akka: a failed actor suspends itself
/// and its children and asks its parent; a restart keeps the mailbox, drops the failing
/// message, waits for the children stopped by <c>PreRestart</c>, then makes a new instance;
/// a stop waits for all children, so a child's <c>PostStop</c> runs before its parent's.
/// </summary>
internal sealed partial class ActorCell
{
    private bool _failed;
    private int _suspendCount;
    private bool _isTerminating;
    private object? _failedMessage;
    private Exception? _pendingRecreate;
    private IActorRef? _escalatedChild;

    private bool IsSuspended => _failed || _suspendCount > 0;

    private void SystemInvoke(SystemMessage message)
    {
        switch (message)
        {
            case Runtime.Create: CreateInstance(); break;
            case Recreate r: Recreate(r.Cause); break;
            case Runtime.ResumeAfterFailure: ResumeFailed(); break;
            case Suspend: _suspendCount++; SendToChildren(Runtime.Suspend.Instance); break;
            case Resume: if (_suspendCount > 0) _suspendCount--; SendToChildren(Runtime.Resume.Instance); break;
            case Runtime.Terminate: BeginTerminate(); break;
            case Failed f: HandleChildFailure(f); break;
            case ChildTerminated c: HandleChildTerminated(c.Child); break;
            case Watch w: AddWatcher(w); break;
            case Unwatch u: RemoveWatcher(u); break;
            case DeathWatchNotification d: WatchedActorTerminated(d.Actor, d.ExistenceConfirmed); break;
        }
    }

    private void CreateInstance()
    {
        try
        {
            NewActor();
            _actor!.AroundPreStart();
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(new ActorInitializationException(Self, $"Exception during creation of {Self.Path}", ex), null);
        }
    }

    /// <summary>The actor (or the runtime on its behalf) threw: suspend and let the parent decide.</summary>
    private void HandleInvokeFailure(Exception cause, object? message, IActorRef? perpetratorChild = null)
    {
        if (_isTerminating)
        {
            Log.Error(cause, "Failure while stopping: {Message}", cause.Message);
            return;
        }
        if (!_failed)
        {
            _failed = true;
            foreach (var child in ChildrenSnapshot())
                if (!child.Equals(perpetratorChild)) child.SendSystemMessage(Runtime.Suspend.Instance);
        }
        _failedMessage = message;
        _escalatedChild = perpetratorChild;
        if (_parent is not null)
            _parent.SendSystem(new Failed(Self, cause));
        else
        {
            Log.Error(cause, "The root guardian failed; terminating the actor system");
            SendSystem(Runtime.Terminate.Instance);
        }
    }

    private void ResumeFailed()
    {
        if (!_failed) return;
        _failed = false;
        _failedMessage = null;
        foreach (var child in ChildrenSnapshot())
            child.SendSystemMessage(child.Equals(_escalatedChild) ? Runtime.ResumeAfterFailure.Instance : Runtime.Resume.Instance);
        _escalatedChild = null;
    }

    private void Recreate(Exception cause)
    {
        if (_isTerminating) return;
        if (_actor is { } failed)
        {
            _timers?.CancelAll();
            CancelReceiveTimeout();
            try { failed.AroundPreRestart(cause, _failedMessage); }
            catch (Exception ex) { Log.Error(ex, "PreRestart threw: {Message}", ex.Message); }
            _actor = null;
        }
        _pendingRecreate = cause;
        if (!HasStoppingChildren) FinishRecreate();
    }

    private void FinishRecreate()
    {
        var cause = _pendingRecreate!;
        _pendingRecreate = null;
        try
        {
            NewActor();
            _failed = false;
            _failedMessage = null;
            _escalatedChild = null;
            _actor!.AroundPostRestart(cause);
        }
        catch (Exception ex)
        {
            _failed = false;
            HandleInvokeFailure(new ActorInitializationException(Self, $"Exception during restart of {Self.Path}", ex), null);
            return;
        }
        // Children that PreRestart kept were suspended by the failure: let them go on.
        SendToChildren(Runtime.Resume.Instance);
    }

    private void BeginTerminate()
    {
        if (_isTerminating) return;
        _isTerminating = true;
        _timers?.CancelAll();
        CancelReceiveTimeout();
        foreach (var child in ChildrenSnapshot()) Stop(child);
        if (!HasChildren) FinishTerminate();
    }

    private void FinishTerminate()
    {
        if (_actor is { } actor)
        {
            try { actor.AroundPostStop(); }
            catch (Exception ex) { Log.Error(ex, "PostStop threw: {Message}", ex.Message); }
        }
        _actor = null;
        _behaviors.Clear();
        System.EventStream.Unsubscribe(Self);
        UnwatchAll();
        _terminated = true;
        // The parent frees the name before any watcher (the parent too) sees Terminated.
        _parent?.SendSystem(new ChildTerminated(Self));
        TellWatchersWeDied();
        DrainUserQueue();
        DrainSystemQueue();
        if (_parent is null) System.OnRootTerminated();
    }

    private void HandleChildFailure(Failed failed)
    {
        if (!TryGetChild(failed.Child, out var info) || info.Stopping) return;
        if (_strategy.HandleFailure(_supervision, info.Stats, failed.Cause, ChildStats())) return;
        // Escalate: fail with the child's exception; the child stays suspended meanwhile.
        HandleInvokeFailure(failed.Cause, null, failed.Child);
    }

    private void HandleChildTerminated(IActorRef child)
    {
        RemoveChild(child);
        if (_parent is null) System.OnGuardianTerminated(child);
        if (child.Equals(_escalatedChild)) _escalatedChild = null;
        if (_isTerminating)
        {
            if (!HasChildren) FinishTerminate();
        }
        else if (_pendingRecreate is not null && !HasStoppingChildren)
            FinishRecreate();
    }

    private void SendToChildren(SystemMessage message)
    {
        foreach (var child in ChildrenSnapshot()) child.SendSystemMessage(message);
    }
}
