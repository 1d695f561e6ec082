using Akka.Actor;
using Akka.Pattern;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// How a leaf actor (the ones that touch the kernel, run scripts or watch files) is supervised:
/// behind Akka's BackoffSupervisor, which stops a failed leaf and makes it again after a backoff
/// (<see cref="MinBackoff"/>, doubling up to <see cref="MaxBackoff"/>, reset after
/// <see cref="ResetAfter"/> without a failure), so a leaf whose kernel object keeps failing is
/// retried without spinning and never takes its parent down. What a leaf must not forget across
/// a failure (its subscribers, the instances registered with it) lives in a state object given
/// to its Props: Akka evaluates Props arguments once, so every incarnation gets the same one.
/// </summary>
public static class LeafSupervision
{
    public static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ResetAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Every failure of the leaf, at start too (a socket that cannot be opened yet), is answered
    /// with a new incarnation after the backoff, however often. The real servers supervise their
    /// checkers with it too; a checker waits its own backoff (CheckerActor.RestartBackoff).
    /// </summary>
    internal static readonly OneForOneStrategy AlwaysAgain = new(-1, Timeout.InfiniteTimeSpan, _ => Directive.Restart);

    /// <summary>The Props of the supervisor of <paramref name="leaf"/> (named <paramref name="name"/> too), on the leaf's dispatcher.</summary>
    public static Props Supervised(Props leaf, string name)
    {
        var supervisor = BackoffSupervisor.Props(
            Backoff.OnFailure(leaf, name, MinBackoff, MaxBackoff, randomFactor: 0.2, maxNrOfRetries: -1)
                .WithAutoReset(ResetAfter)
                .WithSupervisorStrategy(AlwaysAgain));
        // on the leaf's own dispatcher: on the VRRP loop, a hop through the supervisor (see LeafRef) is one more turn there, not a thread switch;
        // a pinned leaf's supervisor does not need a thread of its own
        return string.IsNullOrEmpty(leaf.Dispatcher) || leaf.Dispatcher == Deploy.NoDispatcherGiven ||
               leaf.Dispatcher == ActorSystemConfig.KernelDispatcher
            ? supervisor
            : supervisor.WithDispatcher(leaf.Dispatcher);
    }
}
