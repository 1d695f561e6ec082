using Serilog.Events;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// How a parent treats a failing child. The decider picks a <see cref="Directive"/>;
/// <see cref="ProcessFailure"/> applies Restart or Stop to one child or to all of them.
/// </summary>
public abstract class SupervisorStrategy
{
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider)
    {
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Negative: no limit.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>Null: the restart count never resets.</summary>
    public TimeSpan? WithinTimeRange { get; }

    public IDecider Decider { get; }

    /// <summary>Log failures (Resume as warning, Restart and Stop as error) like Akka does.</summary>
    public bool LoggingEnabled { get; init; } = true;

    /// <summary>
    /// Akka's default: initialisation failures, <see cref="Kill"/> and death pacts stop the child;
    /// every other exception restarts it.
    /// </summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one, unlimited restarts, <see cref="DefaultDecider"/>.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any child that fails.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Applies Restart (<paramref name="restart"/>) or Stop to the failed child, or to all children.</summary>
    protected internal abstract void ProcessFailure(
        ISupervisionContext context, bool restart, ChildRestartStats failed, Exception cause,
        IReadOnlyList<ChildRestartStats> children);

    /// <summary>Returns false when the failure must be escalated.</summary>
    internal bool HandleFailure(ISupervisionContext context, ChildRestartStats failed, Exception cause,
        IReadOnlyList<ChildRestartStats> children)
    {
        var directive = Decider.Decide(cause);
        if (LoggingEnabled) LogFailure(context, failed.Child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                context.ResumeChild(failed.Child, cause);
                return true;
            case Directive.Restart:
                ProcessFailure(context, true, failed, cause, children);
                return true;
            case Directive.Stop:
                ProcessFailure(context, false, failed, cause, children);
                return true;
            default:
                return false;
        }
    }

    private static void LogFailure(ISupervisionContext context, IActorRef child, Exception cause, Directive directive)
    {
        var level = directive switch
        {
            Directive.Resume => LogEventLevel.Warning,
            Directive.Escalate => (LogEventLevel?)null,
            _ => LogEventLevel.Error,
        };
        if (level is { } l)
            context.Logger.ForContext("ActorPath", child.Path.ToString())
                .Write(l, cause, "{Directive} after failure: {Message}", directive, cause.Message);
    }

    /// <summary>Restarts the child if its stats allow another restart, otherwise stops it.</summary>
    protected static bool RequestRestartPermission(ISupervisionContext context, ChildRestartStats stats,
        int maxNrOfRetries, TimeSpan? window) =>
        stats.RequestRestartPermission(maxNrOfRetries, window, context.Now);
}

/// <summary>What a strategy may do to the children of the supervising actor.</summary>
public interface ISupervisionContext
{
    void ResumeChild(IActorRef child, Exception cause);
    void RestartChild(IActorRef child, Exception cause);
    void StopChild(IActorRef child);
    Serilog.ILogger Logger { get; }
    /// <summary>Monotonic time of the system's clock.</summary>
    TimeSpan Now { get; }
}
