using System.Collections.Frozen;
using Akka.Actor;

namespace Keepalived.Actors.Kernel.Ipvs;

public sealed partial class IpvsActor
{
    /// <summary>
    /// How often the table is read back and repaired, whether to try <c>modprobe ip_vs</c> when IPVS is
    /// missing, and <see cref="DrainTimeout"/>: null, a destination its owner no longer wants is deleted
    /// at once (keepalived); else it first drains (weight 0) until it has no active connection, for at
    /// most that long (<see cref="IpvsDrain"/>; keepalived-net.check.drain-before-remove).
    /// </summary>
    public sealed record Settings(TimeSpan ReconcileInterval, bool LoadModule = true, TimeSpan? DrainTimeout = null)
    {
        public static readonly Settings Default = new(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// The whole desired table of one owner (a virtual server's key, e.g. "[10.0.0.1]:tcp:80");
    /// replaces the previous one of that owner. Empty list = remove everything of that owner.
    /// Answered with <see cref="Applied"/>.
    /// </summary>
    public sealed record DesiredState(string Owner, IReadOnlyList<DesiredService> Services);

    /// <summary>A service and its destinations, in order (also a service as read from the kernel).</summary>
    public sealed record DesiredService(IpvsService Service, IReadOnlyList<IpvsDestination> Destinations)
    {
        /// <summary>
        /// As dumped: each destination's IPVS_DEST_ATTR_ACTIVE_CONNS, only the non-zero ones; empty in a
        /// desired state. A counter, not a setting: kept out of <see cref="IpvsDestination"/> so that a
        /// busy destination never looks different from the one desired.
        /// </summary>
        public IReadOnlyDictionary<IpvsDestinationKey, uint> ActiveConnections { get; init; } = FrozenDictionary<IpvsDestinationKey, uint>.Empty;
    }

    /// <summary>
    /// Reply to <see cref="DesiredState"/> (to its sender): what went wrong, in words naming the
    /// service/destination; empty = all applied. While IPVS is unavailable the reply says so, and
    /// a second one follows once the state could be applied. <see cref="SetTimeouts"/> and
    /// <see cref="SyncDaemon"/> are answered with it too, owner "lvs_timeouts" / "lvs_sync_daemon".
    /// </summary>
    public sealed record Applied(string Owner, IReadOnlyList<string> Errors);

    /// <summary>
    /// SIGTERM (clear_services, then ipvs_stop): deletes the owned destinations then the
    /// service, owner by owner in the order owners first appeared (draining ones at once too),
    /// stops the sync daemons started here and restores the original timeouts; answers
    /// <see cref="Released"/>. Nothing is applied afterwards.
    /// </summary>
    public sealed record ReleaseAll
    {
        public static readonly ReleaseAll Instance = new();
    }

    /// <summary>The answer to <see cref="ReleaseAll"/> and <see cref="Forget"/>: the operations that failed, in words.</summary>
    public sealed record Released(IReadOnlyList<string> Errors)
    {
        public static readonly Released Clean = new([]);
    }

    /// <summary>-I / --dont-release-ipvs: answers <see cref="Released"/> without touching the kernel; nothing is applied afterwards.</summary>
    public sealed record Forget
    {
        public static readonly Forget Instance = new();
    }

    /// <summary>lvs_timeouts (zeros: the original value); null = restore the originals read at start.</summary>
    public sealed record SetTimeouts(IpvsTimeouts? Timeouts);

    /// <summary>Starts or stops one sync daemon (lvs_sync_daemon).</summary>
    public sealed record SyncDaemon(IpvsSyncDaemon Daemon, bool Start);

    /// <summary>Subscribes to <see cref="Unavailable"/> / <see cref="Available"/>; the current one is told at once when known.</summary>
    public sealed record Subscribe(IActorRef Subscriber);

    /// <summary>No ip_vs (after modprobe ip_vs failed), EPERM, ...: published once per change.</summary>
    public sealed record Unavailable(string Reason);

    /// <summary>IPVS answers (again): published once per change.</summary>
    public sealed record Available
    {
        public static readonly Available Instance = new();
    }

    /// <summary>Answered with <see cref="Table"/>: the kernel's whole table as dumped (empty while unavailable).</summary>
    public sealed record GetTable
    {
        public static readonly GetTable Instance = new();
    }

    public sealed record Table(IReadOnlyList<DesiredService> Services);

    /// <summary>Answered with <see cref="Operations"/>: the log of the kernel changes sent, oldest first.</summary>
    public sealed record GetOperations
    {
        public static readonly GetOperations Instance = new();
    }

    /// <summary>
    /// The changes sent, e.g. "NEW_SERVICE TCP 10.0.0.1:80 wrr", "SET_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 0";
    /// a failed one ends with ": ERRNO".
    /// </summary>
    public sealed record Operations(IReadOnlyList<string> Log);

    /// <summary>The reconcile timer.</summary>
    private sealed record Reconcile
    {
        public static readonly Reconcile Instance = new();
    }

    /// <summary>
    /// Reconcile once the desired states already queued have been taken: a start or a burst of
    /// changes (thousands of virtual servers) costs one dump and one plan, not one per owner.
    /// </summary>
    private sealed record ReconcileSoon
    {
        public static readonly ReconcileSoon Instance = new();
    }

    /// <summary>The slow retry of the family lookup while IPVS is unavailable.</summary>
    private sealed record RetryOpen
    {
        public static readonly RetryOpen Instance = new();
    }

    /// <summary>The quicker look while a destination drains (every <see cref="DrainInterval"/>).</summary>
    private sealed record DrainLook
    {
        public static readonly DrainLook Instance = new();
    }

    /// <summary>modprobe ip_vs has finished (off the actor's turn).</summary>
    private sealed record ModuleLoaded(bool Success);
}
