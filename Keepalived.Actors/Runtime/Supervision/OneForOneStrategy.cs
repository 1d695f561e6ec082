namespace Keepalived.Actors.Runtime;

/// <summary>Applies the directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; null or negative: no limit. Exhausted: the child is stopped.</param>
    /// <param name="withinTimeRange">Window of the count; null: never resets.</param>
    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> localOnlyDecider)
        : base(maxNrOfRetries ?? -1, withinTimeRange, new LocalOnlyDecider(localOnlyDecider)) { }

    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider)
        : base(maxNrOfRetries ?? -1, withinTimeRange, decider) { }

    public OneForOneStrategy(Func<Exception, Directive> localOnlyDecider) : this(null, null, localOnlyDecider) { }

    protected internal override void ProcessFailure(ISupervisionContext context, bool restart,
        ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        if (restart && RequestRestartPermission(context, failed, MaxNumberOfRetries, WithinTimeRange))
            context.RestartChild(failed.Child, cause);
        else
            context.StopChild(failed.Child);
    }
}
