using System.Collections.Concurrent;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// One actor's home: its mailbox, its current instance and behaviour, its children and its
/// watch relations. Everything outside <see cref="Post"/>, <see cref="SendSystem"/> and the
/// child registry runs on the actor's own turn, one thread at a time.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;

    private readonly ActorCell? _parent;
    private readonly List<Receive> _behaviors = [];
    private ActorBase? _actor;
    private bool _constructing;
    private SupervisorStrategy _strategy = SupervisorStrategy.DefaultStrategy;
    private Envelope _current;
    private ILoggingAdapter? _log;
    private TimerScheduler? _timers;
    private TimeSpan? _receiveTimeout;
    private Cancelable? _receiveTimeoutTask;
    private int _receiveTimeoutGeneration;

    internal ActorCell(ActorSystem system, ActorCell? parent, ActorPath path, Props props)
    {
        System = system;
        _parent = parent;
        Props = props;
        SelfRef = new LocalActorRef(path.WithUid(NewUid()), this);
    }

    /// <summary>Sender used by Tell without one on a thread that runs no actor (the TestKit sets its TestActor here).</summary>
    [ThreadStatic] internal static IActorRef? ThreadImplicitSender;

    /// <summary>The cell whose turn is running on this thread.</summary>
    internal static ActorCell? Current => t_current;

    internal LocalActorRef SelfRef { get; }

    internal bool IsConstructing => _constructing;

    public ActorSystem System { get; }

    public Props Props { get; }

    public IActorRef Self => SelfRef;

    public IActorRef Sender => _current.Sender ?? System.DeadLetters;

    internal IActorRef? CurrentSender => _current.Sender;

    public IActorRef Parent => (IActorRef?)_parent?.SelfRef ?? ActorRefs.Nobody;

    internal ILoggingAdapter Log => _log ??= new SerilogLoggingAdapter(
        System.Logger.ForContext("ActorPath", SelfRef.Path.ToString()).ForContext("ActorType", Props.Type.Name));

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeout = timeout;
        ResetReceiveTimeout();
    }

    public void Become(Receive receive)
    {
        if (_behaviors.Count > 0) _behaviors.RemoveAt(_behaviors.Count - 1);
        _behaviors.Add(receive);
    }

    public void BecomeStacked(Receive receive) => _behaviors.Add(receive);

    public void UnbecomeStacked()
    {
        if (_behaviors.Count > 1) _behaviors.RemoveAt(_behaviors.Count - 1);
    }

    internal void PublishUnhandled(object message)
    {
        System.EventStream.Publish(new UnhandledMessage(message, Sender, Self));
        if (Log.IsDebugEnabled) Log.Debug("Unhandled message {MessageType} from {Sender}", message.GetType().Name, Sender.Path.ToString());
    }

    /// <summary>Processes one user message on the actor's turn.</summary>
    private void Invoke(in Envelope envelope)
    {
        _current = envelope;
        var message = envelope.Message;
        try
        {
            if (System.Interceptor is { } interceptor && !interceptor.BeforeReceive(this, message)) return;
            switch (message)
            {
                case TimerScheduler.TimerMessage tick:
                    if (_timers is null || !_timers.TryAccept(tick, out message)) return;
                    break;
                case ReceiveTimeoutTick tick:
                    if (tick.Generation != _receiveTimeoutGeneration) return;
                    message = Runtime.ReceiveTimeout.Instance;
                    break;
            }
            // Re-armed before the handler runs, so the handler may change or clear it.
            if (_receiveTimeout is not null && message is not INotInfluenceReceiveTimeout) ResetReceiveTimeout();
            if (message is IAutoReceivedMessage) AutoReceive(message);
            else Deliver(message);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex, envelope.Message);
        }
        finally
        {
            _current = default;
        }
    }

    private void Deliver(object message) => _actor!.AroundReceive(_behaviors[^1], message);

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case PoisonPill:
                Stop(Self);
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Terminated t:
                // Unwatch after the notification was queued cancels it.
                if (_terminatedQueued.Remove(t.ActorRef)) Deliver(t);
                break;
            default:
                Deliver(message);
                break;
        }
    }

    private void ResetReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
        var generation = ++_receiveTimeoutGeneration;
        if (_receiveTimeout is not { } timeout || _isTerminating) return;
        _receiveTimeoutTask = new Cancelable();
        System.Scheduler.ScheduleTellOnce(timeout, Self, new ReceiveTimeoutTick(generation), null, _receiveTimeoutTask);
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
        _receiveTimeoutGeneration++;
    }

    /// <summary>Makes a new instance through Props; the constructor sees this cell as its context.</summary>
    private void NewActor()
    {
        _behaviors.Clear();
        _actor = null;
        _constructing = true;
        ActorBase actor;
        try { actor = Props.NewActor(); }
        finally { _constructing = false; }
        _actor = actor;
        _behaviors.Add(actor.Receive);
        if (actor is IWithTimers withTimers) withTimers.Timers = _timers ??= new TimerScheduler(this);
        _strategy = Props.SupervisorStrategy ?? actor.SupervisorStrategy();
    }

    private static long NewUid()
    {
        long uid;
        do uid = Random.Shared.NextInt64(); while (uid == 0);
        return uid;
    }

    public override string ToString() => $"ActorCell({SelfRef.Path})";
}
