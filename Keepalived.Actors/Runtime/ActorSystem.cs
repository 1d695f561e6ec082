namespace Keepalived.Actors.Runtime;

/// <summary>
/// A tree of actors under <c>/user</c> (the application) and <c>/system</c> (the runtime's
/// own), with a scheduler, an event stream and dead letters. <see cref="Terminate"/> stops
/// <c>/user</c> depth-first, then <c>/system</c>, then completes <see cref="WhenTerminated"/>.
/// </summary>
public sealed class ActorSystem : IDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProviderScheduler _scheduler;
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Invalid actor system name [{name}]: use letters, digits, '-' and '_'", nameof(name));
        Name = name;
        Settings = settings;
        Logger = (settings.Logger ?? Serilog.Log.Logger).ForContext("ActorSystem", name);
        Log = new SerilogLoggingAdapter(Logger.ForContext("ActorPath", "/"));
        Interceptor = settings.Interceptor;
        _scheduler = new TimeProviderScheduler(settings.TimeProvider,
            ex => Log.Error(ex, "A scheduled action threw: {Message}", ex.Message));
        DeadLetters = new DeadLetterActorRef(this);
        _root = new ActorCell(this, null, ActorPath.Root(name), Props.Create(() => new RootGuardian()));
        _root.SendSystem(Runtime.Create.Instance);
        _userGuardian = ((LocalActorRef)_root.ActorOf(
            Props.Create(() => new GuardianActor()).WithSupervisorStrategy(
                settings.GuardianSupervisorStrategy ?? SupervisorStrategy.DefaultStrategy), "user")).Cell;
        SystemGuardian = _root.ActorOf(Props.Create(() => new GuardianActor()), "system");
    }

    public static ActorSystem Create(string name, ActorSystemSettings? settings = null) =>
        new(name, settings ?? ActorSystemSettings.Default);

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public EventStream EventStream { get; } = new();

    public IActorRef DeadLetters { get; }

    public IScheduler Scheduler => _scheduler;

    public TimeProvider TimeProvider => _scheduler.TimeProvider;

    public ILoggingAdapter Log { get; }

    /// <summary>/user: the parent of the actors made with <see cref="ActorOf"/>.</summary>
    public IActorRef Guardian => _userGuardian.SelfRef;

    /// <summary>/system: the parent of the runtime's own actors.</summary>
    public IActorRef SystemGuardian { get; }

    public Task WhenTerminated => _terminated.Task;

    internal Serilog.ILogger Logger { get; }

    internal IActorInterceptor? Interceptor { get; }

    internal IActorRef RootRef => _root.SelfRef;

    /// <summary>The actor at <paramref name="path"/> (e.g. <c>/user/watchdog</c>), resolved at each use.</summary>
    public ActorSelection ActorSelection(string path) => new(this, path);

    /// <summary>Creates a top-level actor under /user.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates an actor under /system.</summary>
    internal IActorRef SystemActorOf(Props props, string? name = null) =>
        ((LocalActorRef)SystemGuardian).Cell.ActorOf(props, name);

    /// <summary>Stops any actor of this system asynchronously (its children first).</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is LocalActorRef local) local.SendSystemMessage(Runtime.Terminate.Instance);
    }

    /// <summary>Stops all actors; completes when every <c>PostStop</c> has run.</summary>
    public Task Terminate()
    {
        _userGuardian.SendSystem(Runtime.Terminate.Instance);
        return WhenTerminated;
    }

    /// <summary>The root saw a guardian stop: after /user goes /system, after /system the root.</summary>
    internal void OnGuardianTerminated(IActorRef guardian)
    {
        if (guardian.Equals(_userGuardian.SelfRef)) Stop(SystemGuardian);
        else if (guardian.Equals(SystemGuardian)) Stop(_root.SelfRef);
    }

    internal void OnRootTerminated()
    {
        _scheduler.Shutdown();
        Log.Debug("Actor system {Name} terminated", Name);
        _terminated.TrySetResult();
    }

    /// <summary>Terminates and waits up to 10 s.</summary>
    public void Dispose() => Terminate().Wait(TimeSpan.FromSeconds(10));

    public override string ToString() => $"ActorSystem({Name})";

    /// <summary>/user and /system: they only supervise.</summary>
    private sealed class GuardianActor : UntypedActor
    {
        protected override void OnReceive(object message) => Unhandled(message);
    }

    /// <summary>
    /// The root only supervises the guardians: a failure escalated to it stops the guardian that
    /// failed, which terminates the system, as in Akka.
    /// </summary>
    private sealed class RootGuardian : UntypedActor
    {
        protected override void OnReceive(object message) => Unhandled(message);

        protected internal override SupervisorStrategy SupervisorStrategy() => Runtime.SupervisorStrategy.StoppingStrategy;
    }
}
