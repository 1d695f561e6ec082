namespace Keepalived.Actors.Runtime;

/// <summary>
/// Applies Restart or Stop to all children when one fails (Resume applies to the failed child
/// only). Restart needs permission from every child's stats, else all are stopped.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> localOnlyDecider)
        : base(maxNrOfRetries ?? -1, withinTimeRange, new LocalOnlyDecider(localOnlyDecider)) { }

    public AllForOneStrategy(Func<Exception, Directive> localOnlyDecider) : this(null, null, localOnlyDecider) { }

    protected internal override void ProcessFailure(ISupervisionContext context, bool restart,
        ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        if (children.Count == 0) return;
        // Every child's count advances, so no child restarts more often than the limit allows.
        var permitted = restart && children
            .Select(c => RequestRestartPermission(context, c, MaxNumberOfRetries, WithinTimeRange))
            .ToList().TrueForAll(p => p);
        foreach (var child in children)
        {
            if (permitted) context.RestartChild(child.Child, cause);
            else context.StopChild(child.Child);
        }
    }
}
