namespace Keepalived.Actors.Runtime;

/// <summary>Settings of an <see cref="ActorSystem"/> (the part of Akka's HOCON config this runtime has).</summary>
public sealed record ActorSystemSettings
{
    public static readonly ActorSystemSettings Default = new();

    /// <summary>The clock of the scheduler, timers and supervision windows; a virtual one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the system and its actors log; Serilog's global logger when null.</summary>
    public Serilog.ILogger? Logger { get; init; }

    /// <summary>User messages an actor processes per turn before yielding its thread (Akka's dispatcher throughput).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>How many dead letters are logged (all are published on the event stream).</summary>
    public int LogDeadLetters { get; init; } = 10;

    /// <summary>Timeout of an <c>Ask</c> that names none. Unlike Akka's default, never infinite.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How /user supervises the top-level actors; <see cref="SupervisorStrategy.DefaultStrategy"/> when null.</summary>
    public SupervisorStrategy? GuardianSupervisorStrategy { get; init; }

    /// <summary>Fault injection hook for tests.</summary>
    public IActorInterceptor? Interceptor { get; init; }
}
