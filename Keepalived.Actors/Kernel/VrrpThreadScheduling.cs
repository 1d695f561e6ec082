using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel;

/// <summary>
/// How the VRRP event loop's thread is scheduled: SCHED_RR at keepalived's <c>vrrp_rt_priority</c>
/// when set, else at the HOCON setting <c>keepalived-net.vrrp.realtime-priority</c> (1 by
/// default; 0 turns real time off), and the nice value of <c>vrrp_priority</c> (−10 when not
/// set), which is what remains when real time is off or refused. Always with
/// SCHED_RESET_ON_FORK: a thread the runtime starts from the loop (the socket engine's, a pool
/// worker) is an ordinary thread, not a second one at the loop's priority competing with it.
/// Real time by default is where this departs from keepalived (whose VRRP process is not real
/// time unless configured): with it no ordinary thread of ours, and no other process, delays a
/// takeover or an advert, which keeps takeovers and advert spacing steady on a busy machine
/// (docs/benchmarks.md has the figures).
/// <c>vrrp_rlimit_rttime</c> is read and not applied: RLIMIT_RTTIME is per process here, and its
/// SIGXCPU would end the whole service, not only a VRRP process as in keepalived; the kernel's
/// real-time throttling (95 % of each second) still bounds a runaway loop.
/// </summary>
public sealed record VrrpThreadScheduling(int Nice, int? RealtimePriority)
{
    /// <summary>The nice value when <c>vrrp_priority</c> is not set.</summary>
    public const int DefaultNice = ThreadNice.Vrrp;

    /// <summary>The real-time priority when neither keepalived.conf nor the HOCON settings give one.</summary>
    public const int DefaultRealtimePriority = 1;

    /// <summary>From keepalived.conf's vrrp_ scheduling keywords (null: none configured).</summary>
    /// <param name="realtimeDefault">The HOCON setting: the priority used when keepalived.conf sets none; 0 for none.</param>
    public static VrrpThreadScheduling From(ProcessScheduling? configured, int realtimeDefault = DefaultRealtimePriority) => new(
        configured is { Priority: not 0 } ? configured.Priority : DefaultNice,
        configured?.RealtimePriority ?? Realtime(realtimeDefault));

    /// <summary>A real-time priority setting: 0 or less is none; SCHED_RR's highest is 99.</summary>
    public static int? Realtime(int priority) => priority > 0 ? Math.Min(priority, 99) : null;

    /// <summary>Applies this to the calling thread; returns what it got, in words, for the log.</summary>
    public unsafe string ApplyToCurrentThread()
    {
        var tid = LibcCalls.GetTid();
        // the nice value first: it is what remains if real time is refused
        var niced = ThreadNice.Set(Nice);
        var priority = RealtimePriority ?? 0;
        var policy = (RealtimePriority is null ? LibcCalls.SCHED_OTHER : LibcCalls.SCHED_RR) | LibcCalls.SCHED_RESET_ON_FORK;
        var scheduled = LibcCalls.SchedSetScheduler(tid, policy, &priority) == 0;
        var errno = scheduled ? Errno.None : LibcCalls.LastErrno;
        return (RealtimePriority, scheduled, niced) switch
        {
            ({ } rt, true, _) => $"SCHED_RR priority {rt}",
            ({ } rt, false, true) => $"nice {Nice} (SCHED_RR priority {rt} refused: {errno})",
            (null, _, true) => $"nice {Nice}",
            _ => $"unchanged (nice {Nice} refused)",
        };
    }
}
