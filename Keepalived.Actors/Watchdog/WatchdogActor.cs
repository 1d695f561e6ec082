using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Watchdog;

/// <summary>
/// The root of the service's tree (<c>/user/watchdog</c>), keepalived's parent process turned
/// supervisor. It restarts a failed subtree, and stops one that keeps failing (more than
/// <see cref="MaxRestarts"/> in <see cref="RestartWindow"/>) rather than spin. The subtrees
/// (kernel leaves, vrrp, check) are built here from the configuration as they arrive.
/// </summary>
public sealed class WatchdogActor : UntypedActor
{
    public const int MaxRestarts = 10;
    public static readonly TimeSpan RestartWindow = TimeSpan.FromMinutes(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public static Props Props() => Runtime.Props.Create(() => new WatchdogActor());

    protected override void PreStart() => _log.Info("Watchdog started at {Path}", Self.Path.ToString());

    protected override void PostStop() => _log.Info("Watchdog stopped");

    protected internal override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(MaxRestarts, RestartWindow, Runtime.SupervisorStrategy.DefaultDecider);

    protected override void OnReceive(object message) => Unhandled(message);
}
