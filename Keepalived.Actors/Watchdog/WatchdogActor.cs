using Keepalived.Actors.Check;
using Keepalived.Actors.Config.Model;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Actors.Watchdog;

/// <summary>
/// The root of the service's tree (<c>/user/watchdog</c>), keepalived's parent process turned
/// supervisor. It builds the subsystems from the configuration (<see cref="Start"/>), restarts
/// a failed subtree, and stops one that keeps failing (more than <see cref="MaxRestarts"/> in
/// <see cref="RestartWindow"/>) rather than spin. <see cref="Shutdown"/> lets VRRP say goodbye
/// before the process stops.
/// </summary>
public sealed class WatchdogActor : ServiceActor
{
    public const int MaxRestarts = 10;
    public static readonly TimeSpan RestartWindow = TimeSpan.FromMinutes(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef? _vrrp;
    private IActorRef? _check;

    /// <summary>Builds the subsystems for <paramref name="Config"/> (-P: VRRP only, -C: checker only).</summary>
    /// <param name="SpreadAdverts">Masters that take over together spread their adverts over the interval (<see cref="Vrrp.AdvertSlot"/>).</param>
    /// <param name="Check">How the health checker runs and what it is made of; null: the service's defaults.</param>
    public sealed record Start(KeepalivedConfig Config, bool RunVrrp, bool RunChecker, bool SpreadAdverts = true,
        CheckerManagerActor.Settings? CheckSettings = null, CheckLeafProps? CheckLeaves = null);

    /// <summary>
    /// Stops VRRP cleanly (priority-0 adverts, addresses removed) and the health checker (its IPVS
    /// entries removed unless <paramref name="ReleaseIpvs"/> is false, -I), side by side as
    /// keepalived's two processes do, then answers <see cref="Stopped"/>.
    /// </summary>
    public sealed record Shutdown(bool ReleaseVips, bool ReleaseIpvs = true);

    public sealed record Stopped
    {
        public static readonly Stopped Instance = new();
    }

    public static Props Props() => FactoryProps.Create(() => new WatchdogActor());

    public WatchdogActor()
    {
        Receive<Start>(OnStart);
        Receive<Shutdown>(OnShutdown);
        Receive<VrrpManagerActor.GetInstances>(m =>
        {
            if (_vrrp is null) Sender.Tell(new List<VrrpInstanceActor.Status>());
            else _vrrp.Forward(m);
        });
        ReceiveAny(Unhandled);
    }

    protected override void PreStart() => _log.Info("Watchdog started at {Path}", Self.Path.ToString());

    protected override void PostStop() => _log.Info("Watchdog stopped");

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(MaxRestarts, RestartWindow, Akka.Actor.SupervisorStrategy.DefaultDecider);

    private void OnStart(Start start)
    {
        if (start.RunVrrp && start.Config.Vrrp.Instances.Count > 0 && _vrrp is null)
            _vrrp = Context.ActorOf(VrrpManagerActor.Props(start.Config, spreadAdverts: start.SpreadAdverts), "vrrp");
        if (start.RunChecker && start.Config.Check.VirtualServers.Count > 0 && _check is null)
        {
            var settings = (start.CheckSettings ?? new CheckerManagerActor.Settings(CheckOptions.Default)) with { StartsSharedFifoScript = _vrrp is null };
            _check = Context.ActorOf(CheckerManagerActor.Props(start.Config, settings, start.CheckLeaves ?? CheckLeafProps.Kernel), "check");
        }
    }

    private void OnShutdown(Shutdown shutdown)
    {
        var vrrp = _vrrp is null
            ? Task.CompletedTask
            : _vrrp.Ask<VrrpManagerActor.Stopped>(shutdown.ReleaseVips ? VrrpManagerActor.Shutdown.Instance : VrrpManagerActor.Shutdown.KeepAddresses,
                TimeSpan.FromSeconds(4));
        var check = _check is null
            ? Task.CompletedTask
            : _check.Ask<CheckerManagerActor.Stopped>(new CheckerManagerActor.Shutdown(shutdown.ReleaseIpvs), TimeSpan.FromSeconds(30));
        // a part that did not answer in time is logged by itself; the process stops either way
        Task.WhenAll(vrrp, check).ContinueWith(_ => (object)Stopped.Instance, TaskScheduler.Default).PipeTo(Sender, Self);
    }
}
