namespace Keepalived.Actors.Runtime;

/// <summary>
/// Messages between cells that drive lifecycle and supervision. They have their own queue and
/// are processed before any user message, also while the actor is suspended.
/// </summary>
internal abstract record SystemMessage;

internal sealed record Create : SystemMessage { public static readonly Create Instance = new(); }

/// <summary>Restart: the supervisor's Restart directive.</summary>
internal sealed record Recreate(Exception Cause) : SystemMessage;

/// <summary>Resume after a failure: the supervisor's Resume directive to the failed actor.</summary>
internal sealed record ResumeAfterFailure : SystemMessage { public static readonly ResumeAfterFailure Instance = new(); }

/// <summary>Pause/continue a subtree while an ancestor's failure is being decided.</summary>
internal sealed record Suspend : SystemMessage { public static readonly Suspend Instance = new(); }

internal sealed record Resume : SystemMessage { public static readonly Resume Instance = new(); }

internal sealed record Terminate : SystemMessage { public static readonly Terminate Instance = new(); }

internal sealed record Watch(IActorRef Watchee, IActorRef Watcher) : SystemMessage;

internal sealed record Unwatch(IActorRef Watchee, IActorRef Watcher) : SystemMessage;

internal sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed) : SystemMessage;

internal sealed record Failed(IActorRef Child, Exception Cause) : SystemMessage;

internal sealed record ChildTerminated(IActorRef Child) : SystemMessage;

/// <summary>A user message with its sender.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);

/// <summary>Scheduled by <see cref="IActorContext.SetReceiveTimeout"/>; stale generations are ignored.</summary>
internal sealed record ReceiveTimeoutTick(int Generation) : INotInfluenceReceiveTimeout;
