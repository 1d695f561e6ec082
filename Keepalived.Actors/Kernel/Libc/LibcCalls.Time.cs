using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>clock_gettime and timerfd (time.h, sys/timerfd.h): LibraryImport, Tmds.LibC has neither.</summary>
internal static partial class LibcCalls
{
    public const int CLOCK_MONOTONIC = 1;
    public const int TFD_CLOEXEC = 0x80000;
    public const int TFD_NONBLOCK = 0x800;
    public const int TFD_TIMER_ABSTIME = 1;

    /// <summary>struct timespec (64-bit).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;

        public static TimeSpec FromNanoseconds(long ns) => new() { Seconds = ns / 1_000_000_000, Nanoseconds = ns % 1_000_000_000 };

        public readonly long TotalNanoseconds => Seconds * 1_000_000_000 + Nanoseconds;
    }

    /// <summary>struct itimerspec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ITimerSpec
    {
        public TimeSpec Interval;
        public TimeSpec Value;
    }

    [LibraryImport(LibraryName, EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGetTime(int clock, out TimeSpec time);

    [LibraryImport(LibraryName, EntryPoint = "timerfd_create", SetLastError = true)]
    public static partial int TimerFdCreate(int clock, int flags);

    [LibraryImport(LibraryName, EntryPoint = "timerfd_settime", SetLastError = true)]
    public static partial int TimerFdSetTime(SafeHandle fd, int flags, in ITimerSpec value, IntPtr oldValue);
}
