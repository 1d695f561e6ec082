using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel;

/// <summary>
/// How the VRRP event loop's thread is scheduled: keepalived's <c>vrrp_priority</c> (a nice
/// value) and <c>vrrp_rt_priority</c> (SCHED_RR at that priority) for its VRRP process.
/// keepalived's VRRP process is one thread; keepalived-net's loop shares its process with the
/// thread pool, the socket engine and the runtime's own threads, and a kernel trace of a takeover
/// showed a thread-pool thread (handling the netlink notice of the VIP just added) holding the
/// CPU for 1.4 ms while the loop, at nice -10, waited to read netlink's answer. So unless
/// configured otherwise the loop runs SCHED_RR at priority 1, the lowest real-time priority:
/// no ordinary thread preempts it, and it blocks in epoll_wait whenever it has nothing to do
/// (the kernel's real-time throttling, sched_rt_runtime_us, still bounds it). Threads it starts
/// are ordinary (SCHED_RESET_ON_FORK).
/// <c>vrrp_rlimit_rttime</c> is read and not applied: RLIMIT_RTTIME is per process here, and its
/// SIGXCPU would end the whole service, not only a VRRP process as in keepalived.
/// </summary>
public sealed record VrrpThreadScheduling(int Nice, int RealtimePriority)
{
    /// <summary>The nice value when <c>vrrp_priority</c> is not set (also the fallback when real time is refused).</summary>
    public const int DefaultNice = ThreadNice.Vrrp;

    /// <summary>SCHED_RR priority when <c>vrrp_rt_priority</c> is not set.</summary>
    public const int DefaultRealtimePriority = 1;

    /// <summary>From keepalived.conf's vrrp_ scheduling keywords (null: none configured).</summary>
    public static VrrpThreadScheduling From(ProcessScheduling? configured) => new(
        configured is { Priority: not 0 } ? configured.Priority : DefaultNice,
        configured?.RealtimePriority ?? DefaultRealtimePriority);

    /// <summary>Applies this to the calling thread; returns what it got, in words, for the log.</summary>
    public unsafe string ApplyToCurrentThread()
    {
        var tid = Libc.Libc.GetTid();
        // the nice value first: it is what remains if real time is refused
        var niced = ThreadNice.Set(Nice);
        var priority = RealtimePriority;
        // reset on fork: a thread the runtime starts from this one (the socket engine's, a pool
        // worker) must not inherit real time, nor the raised nice value
        if (Libc.Libc.SchedSetScheduler(tid, Libc.Libc.SCHED_RR | Libc.Libc.SCHED_RESET_ON_FORK, &priority) == 0)
            return $"SCHED_RR priority {RealtimePriority}";
        var errno = Libc.Libc.LastErrno;
        return niced
            ? $"nice {Nice} (SCHED_RR priority {RealtimePriority} refused: {errno})"
            : $"unchanged (nice {Nice} and SCHED_RR priority {RealtimePriority} refused: {errno})";
    }
}
