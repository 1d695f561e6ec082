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
        _scheduler = new TimeProviderScheduler(settings.TimeProvider);
        DeadLetters = new DeadLetterActorRef(this);
        _root = new ActorCell(this, null, ActorPath.Root(name), Props.Create(() => new RootGuardian()));
        _root.SendSystem(Runtime.Create.Instance);
        _userGuardian = ((LocalActorRef)_root.ActorOf(
            Props.Create(() => new GuardianActor()).WithSupervisorStrategy(
                settings.GuardianSupervisorStrategy ?? SupervisorStrategy.DefaultStrategy), "user")).Cell;
        SystemGuardian = _root.ActorOf(Props.Create(() => new GuardianActor()), "system");
        // Both guardians exist now; the root watches them to drive the shutdown order.
        _root.SelfRef.Tell(WatchGuardians.Instance, ActorRefs.NoSender);
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
    /// The root: stops /system once /user is gone, then itself. A failure escalated to it stops
    /// the guardian that failed, which terminates the system, as in Akka.
    /// </summary>
    private sealed class RootGuardian : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case WatchGuardians:
                    foreach (var child in Context.GetChildren()) Context.Watch(child);
                    break;
                case Terminated { ActorRef.Path.Name: "user" }:
                    Context.Stop(Context.Child("system"));
                    break;
                case Terminated { ActorRef.Path.Name: "system" }:
                    Context.Stop(Self);
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }

        protected internal override SupervisorStrategy SupervisorStrategy() => Runtime.SupervisorStrategy.StoppingStrategy;
    }

    private sealed class WatchGuardians
    {
        public static readonly WatchGuardians Instance = new();
    }
}
