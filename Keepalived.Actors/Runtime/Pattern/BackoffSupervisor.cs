namespace Keepalived.Actors.Runtime;

/// <summary>
/// Keeps one child alive, restarting it after exponentially growing delays
/// (<see cref="BackoffOptions"/>). Every other message is forwarded to the child (to dead
/// letters while there is none). Once <see cref="BackoffOptions.MaxNrOfRetries"/> restarts
/// were used up, the supervisor stops.
/// </summary>
public sealed class BackoffSupervisor : UntypedActor, IWithTimers
{
    private readonly BackoffOptions _options;
    private IActorRef? _child;
    private int _restartCount;
    private bool _childFailed;

    public BackoffSupervisor(BackoffOptions options) => _options = options;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Asks for the <see cref="CurrentChild"/>.</summary>
    public sealed class GetCurrentChild
    {
        public static readonly GetCurrentChild Instance = new();
        private GetCurrentChild() { }
    }

    /// <summary>The child, or <see cref="ActorRefs.Nobody"/> while it is backing off.</summary>
    public sealed record CurrentChild(IActorRef Ref);

    /// <summary>Asks for the <see cref="RestartCount"/>.</summary>
    public sealed class GetRestartCount
    {
        public static readonly GetRestartCount Instance = new();
        private GetRestartCount() { }
    }

    public sealed record RestartCount(int Count);

    /// <summary>Resets the restart count (manual reset only).</summary>
    public sealed class Reset
    {
        public static readonly Reset Instance = new();
        private Reset() { }
    }

    internal sealed class StartChild
    {
        public static readonly StartChild Instance = new();
    }

    internal sealed record ResetRestartCount(int Current);

    public static Props Props(BackoffOptions options) => Runtime.Props.Create(() => new BackoffSupervisor(options));

    /// <summary>
    /// Akka's formula: min(max, min × 2^restartCount) × (1 + random × randomFactor), and
    /// <paramref name="maxBackoff"/> from the 30th restart on.
    /// </summary>
    public static TimeSpan CalculateDelay(int restartCount, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        var rnd = 1.0 + Random.Shared.NextDouble() * randomFactor;
        if (restartCount >= 30) return maxBackoff;
        var ticks = Math.Min(maxBackoff.Ticks, minBackoff.Ticks * Math.Pow(2, restartCount));
        return TimeSpan.FromTicks((long)(ticks * rnd));
    }

    protected override void PreStart() => StartChildNow();

    protected internal override SupervisorStrategy SupervisorStrategy()
    {
        if (_options.Kind == BackoffKind.OnStop) return _options.Strategy;
        // OnFailure: a Restart becomes Stop now and a start after the backoff.
        var inner = _options.Strategy.Decider;
        return new OneForOneStrategy(cause =>
        {
            var directive = inner.Decide(cause);
            if (directive != Directive.Restart) return directive;
            _childFailed = true;
            return Directive.Stop;
        }) { LoggingEnabled = _options.Strategy.LoggingEnabled };
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Terminated t when t.ActorRef.Equals(_child):
                OnChildTerminated();
                break;
            case StartChild:
                StartChildNow();
                break;
            case ResetRestartCount r:
                if (r.Current == _restartCount) _restartCount = 0;
                break;
            case Reset:
                if (_options.ResetBackoff is null) _restartCount = 0;
                else Unhandled(message);
                break;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child ?? ActorRefs.Nobody));
                break;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restartCount));
                break;
            default:
                (_child ?? Context.System.DeadLetters).Forward(message);
                break;
        }
    }

    private void OnChildTerminated()
    {
        _child = null;
        var failed = _childFailed;
        _childFailed = false;
        if (_options.Kind == BackoffKind.OnFailure && !failed)
        {
            Context.Stop(Self);
            return;
        }
        if (_options.MaxNrOfRetries >= 0 && _restartCount >= _options.MaxNrOfRetries)
        {
            Context.GetLogger().Warning("Child {Child} stopped after {Restarts} restarts; giving up", _options.ChildName, _restartCount);
            Context.Stop(Self);
            return;
        }
        var delay = CalculateDelay(_restartCount, _options.MinBackoff, _options.MaxBackoff, _options.RandomFactor);
        _restartCount++;
        Timers.StartSingleTimer(StartChild.Instance, StartChild.Instance, delay);
    }

    private void StartChildNow()
    {
        if (_child is not null) return;
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        if (_restartCount > 0 && _options.ResetBackoff is { } reset)
            Timers.StartSingleTimer(typeof(ResetRestartCount), new ResetRestartCount(_restartCount), reset);
    }
}
