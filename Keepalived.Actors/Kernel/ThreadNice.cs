using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel;

/// <summary>
/// Raises the scheduling priority (lowers the nice value) of the calling thread, as
/// keepalived's <c>vrrp_priority</c> does for its VRRP process: keepalived-net wakes a few
/// threads per VRRP event (timer, receive, dispatcher) where keepalived wakes one, and on a
/// busy machine each wake-up waits for a CPU. Needs CAP_SYS_NICE (root); without it nothing
/// changes. .NET's <see cref="Thread.Priority"/> does not reach the Linux scheduler.
/// </summary>
public static class ThreadNice
{
    /// <summary>The nice value of keepalived-net's VRRP threads.</summary>
    public const int Vrrp = -10;

    /// <returns>False when the kernel refused (no privilege).</returns>
    public static bool Set(int nice) => LibcCalls.SetPriority(LibcCalls.PRIO_PROCESS, LibcCalls.GetTid(), nice) == 0;
}
