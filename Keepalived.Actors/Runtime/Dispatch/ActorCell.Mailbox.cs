using System.Collections.Concurrent;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// The mailbox: a system queue served first, a user queue served in batches of the
/// dispatcher's throughput (<see cref="ActorSystemSettings.Throughput"/> by default), and an idle/scheduled flag so at most one turn
/// of the actor runs at a time on its dispatcher (the thread pool unless its Props say otherwise).
/// </summary>
internal sealed partial class ActorCell : IThreadPoolWorkItem
{
    private const int Idle = 0, Scheduled = 1;

    private readonly ConcurrentQueue<Envelope> _userQueue = new();
    private readonly ConcurrentQueue<SystemMessage> _systemQueue = new();
    private int _status;
    private volatile bool _terminated;

    internal bool IsTerminated => _terminated;

    /// <summary>Turns run so far (a diagnostic for tests of throughput batching).</summary>
    internal long Turns { get; private set; }

    /// <summary>Queues a user message from any thread; after termination it becomes a dead letter.</summary>
    internal void Post(in Envelope envelope)
    {
        if (_terminated)
        {
            ToDeadLetters(envelope);
            return;
        }
        _userQueue.Enqueue(envelope);
        // Termination may have drained the queue between the check and the enqueue.
        if (_terminated) DrainUserQueue();
        else Schedule();
    }

    /// <summary>Queues a system message from any thread.</summary>
    internal void SendSystem(SystemMessage message)
    {
        _systemQueue.Enqueue(message);
        if (_terminated) DrainSystemQueue();
        else Schedule();
    }

    private void Schedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
            Props.Dispatcher.Schedule(this);
    }

    private bool CanProcessUserMessages => _actor is not null && !IsSuspended && !_isTerminating;

    /// <summary>One turn: all system messages, then up to a batch of user messages.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        var previous = t_current;
        t_current = this;
        Turns++;
        try
        {
            if (_terminated)
            {
                DrainSystemQueue();
                return;
            }
            ProcessSystemMessages();
            var throughput = Props.Dispatcher.Throughput ?? System.Settings.Throughput;
            for (var i = 0; i < throughput && CanProcessUserMessages; i++)
            {
                if (!_userQueue.TryDequeue(out var envelope)) break;
                Invoke(envelope);
                if (!_systemQueue.IsEmpty) ProcessSystemMessages();
            }
        }
        catch (Exception ex)
        {
            // A bug in the runtime itself; never let it take a thread-pool thread (and the process) down.
            System.Log.Error(ex, "Internal error in the mailbox of {Path}", SelfRef.Path.ToString());
        }
        finally
        {
            t_current = previous;
            // A full fence: a message queued while we finish is seen here or schedules its own turn.
            Interlocked.Exchange(ref _status, Idle);
            if (!_systemQueue.IsEmpty || (!_userQueue.IsEmpty && CanProcessUserMessages)) Schedule();
            else if (_terminated) DrainUserQueue();
        }
    }

    private void ProcessSystemMessages()
    {
        while (!_terminated && _systemQueue.TryDequeue(out var message))
        {
            try
            {
                SystemInvoke(message);
            }
            catch (Exception ex)
            {
                HandleInvokeFailure(ex, null);
            }
        }
        if (_terminated) DrainSystemQueue();
    }

    private void DrainUserQueue()
    {
        while (_userQueue.TryDequeue(out var envelope)) ToDeadLetters(envelope);
    }

    /// <summary>After termination: a watch still gets its notification, everything else is dropped.</summary>
    private void DrainSystemQueue()
    {
        while (_systemQueue.TryDequeue(out var message))
            if (message is Watch { Watcher: LocalActorRef watcher } w && !watcher.Equals(SelfRef))
                watcher.SendSystemMessage(new DeathWatchNotification(w.Watchee, ExistenceConfirmed: false));
    }

    private void ToDeadLetters(in Envelope envelope)
    {
        var message = envelope.Message;
        // Internal ticks are not the user's messages; they are only noise after a stop.
        if (message is TimerScheduler.TimerMessage or ReceiveTimeoutTick) return;
        ((DeadLetterActorRef)System.DeadLetters).Publish(
            new DeadLetter(message, envelope.Sender ?? System.DeadLetters, SelfRef));
    }
}
