using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>Thread priorities (sys/resource.h, sched.h): LibraryImport, Tmds.LibC has no gettid, setpriority or sched_setscheduler.</summary>
internal static partial class LibcCalls
{
    public const int PRIO_PROCESS = 0;

    [LibraryImport(LibraryName, EntryPoint = "gettid")]
    public static partial int GetTid();

    [LibraryImport(LibraryName, EntryPoint = "setpriority", SetLastError = true)]
    public static partial int SetPriority(int which, int who, int nice);

    public const int SCHED_OTHER = 0;
    public const int SCHED_RR = 2;
    /// <summary>Or'ed into a policy: threads and processes this one creates start as ordinary threads again.</summary>
    public const int SCHED_RESET_ON_FORK = 0x40000000;

    /// <summary><c>sched_setscheduler(2)</c>; <paramref name="priority"/> points at a <c>struct sched_param</c> (one int).</summary>
    [LibraryImport(LibraryName, EntryPoint = "sched_setscheduler", SetLastError = true)]
    public static unsafe partial int SchedSetScheduler(int pid, int policy, int* priority);

    [LibraryImport(LibraryName, EntryPoint = "sched_getscheduler", SetLastError = true)]
    public static partial int SchedGetScheduler(int pid);
}
