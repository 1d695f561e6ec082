using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel;

/// <summary>
/// How the VRRP event loop's thread is scheduled: keepalived's <c>vrrp_priority</c> (a nice
/// value; −10 when not set) and <c>vrrp_rt_priority</c> (SCHED_RR at that priority, only when
/// set, as in keepalived). Either way with SCHED_RESET_ON_FORK: a thread the runtime starts from
/// the loop (the socket engine's, a pool worker) is an ordinary thread, not a second one at the
/// loop's priority competing with it.
/// Real time is not the default: it took the tail off the first takeover (a pool thread had held
/// the CPU for 1.4 ms mid-takeover), but made the steady advert spacing of 1,000 instances worse
/// in the scale harness (p99 4.3–29 ms against 0.8–2.5 ms at nice −10, docs/benchmarks.md).
/// <c>vrrp_rlimit_rttime</c> is read and not applied: RLIMIT_RTTIME is per process here, and its
/// SIGXCPU would end the whole service, not only a VRRP process as in keepalived.
/// </summary>
public sealed record VrrpThreadScheduling(int Nice, int? RealtimePriority)
{
    /// <summary>The nice value when <c>vrrp_priority</c> is not set.</summary>
    public const int DefaultNice = ThreadNice.Vrrp;

    /// <summary>From keepalived.conf's vrrp_ scheduling keywords (null: none configured).</summary>
    public static VrrpThreadScheduling From(ProcessScheduling? configured) => new(
        configured is { Priority: not 0 } ? configured.Priority : DefaultNice,
        configured?.RealtimePriority);

    /// <summary>Applies this to the calling thread; returns what it got, in words, for the log.</summary>
    public unsafe string ApplyToCurrentThread()
    {
        var tid = Libc.Libc.GetTid();
        // the nice value first: it is what remains if real time is refused
        var niced = ThreadNice.Set(Nice);
        var priority = RealtimePriority ?? 0;
        var policy = (RealtimePriority is null ? Libc.Libc.SCHED_OTHER : Libc.Libc.SCHED_RR) | Libc.Libc.SCHED_RESET_ON_FORK;
        var scheduled = Libc.Libc.SchedSetScheduler(tid, policy, &priority) == 0;
        var errno = scheduled ? Errno.None : Libc.Libc.LastErrno;
        return (RealtimePriority, scheduled, niced) switch
        {
            ({ } rt, true, _) => $"SCHED_RR priority {rt}",
            ({ } rt, false, true) => $"nice {Nice} (SCHED_RR priority {rt} refused: {errno})",
            (null, _, true) => $"nice {Nice}",
            _ => $"unchanged (nice {Nice} refused)",
        };
    }
}
