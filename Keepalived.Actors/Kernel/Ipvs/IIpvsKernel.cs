using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// The IPVS table as <see cref="IpvsActor"/> reaches it: the generic netlink socket
/// (<see cref="IpvsNetlink"/>) in the service, a fake in the tests. Every call is one bounded
/// round trip (a dump: one per service); failures are <see cref="ErrnoException"/>s, except
/// for the changes, whose errno is returned (<see cref="Errno.None"/>: done).
/// </summary>
public interface IIpvsKernel : IDisposable
{
    /// <summary>Resolves the "IPVS" generic netlink family; ENOENT: ip_vs is not loaded.</summary>
    void Open();

    /// <summary>
    /// Every service with its destinations, in the kernel's order; or with <paramref name="only"/>,
    /// those of these services (by identity) the kernel has, each read on its own (GET_SERVICE
    /// then its GET_DEST dump), so that the cost is that of the services asked about.
    /// </summary>
    IReadOnlyList<IpvsActor.DesiredService> Dump(IReadOnlyCollection<IpvsService>? only = null);

    /// <summary>Sends one change and waits for its ACK.</summary>
    Errno Apply(IpvsOperation operation);

    /// <summary>GET_CONFIG: the three connection timeouts.</summary>
    IpvsTimeouts GetTimeouts();

    /// <summary>SET_CONFIG with the non-zero ones.</summary>
    Errno SetTimeouts(IpvsTimeouts timeouts);

    /// <summary>NEW_DAEMON or DEL_DAEMON.</summary>
    Errno SyncDaemon(IpvsSyncDaemon daemon, bool start);

    /// <summary>Runs <c>modprobe ip_vs</c> (ipvs_start's modprobe); true when it succeeded. May take a while: not called inside a turn.</summary>
    bool LoadModule();
}
