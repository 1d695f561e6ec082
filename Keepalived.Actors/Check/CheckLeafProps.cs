using Akka.Actor;
using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Check;

/// <summary>
/// How <see cref="CheckerManagerActor"/> makes what touches the world: the IPVS leaf, the
/// notifier, the local-address watcher (ha_suspend) and each checker's probe — the real ones in service (<see cref="Kernel"/>),
/// stand-ins in tests. <see cref="Probe"/> returns null for a checker it cannot run.
/// </summary>
public sealed record CheckLeafProps(
    Func<IpvsActor.Settings, Props> Ipvs,
    Func<GlobalConfig, bool, Props> Notify,
    Func<Checker, RealServer, VirtualServer, CheckConfig, ProbeLimits, IProbe?> Probe,
    Func<Props>? AddressWatcher = null)
{
    /// <summary>The local-address watcher ha_suspend needs.</summary>
    public Func<Props> Addresses => AddressWatcher ?? AddressWatcherActor.Props;

    public static CheckLeafProps Kernel { get; } = new(
        settings => IpvsActor.Props(new IpvsActor.State(), settings).WithDispatcher(ActorSystemConfig.KernelDispatcher),
        NotifyActor.CheckerProps,
        ProbeFactory.Create);
}
