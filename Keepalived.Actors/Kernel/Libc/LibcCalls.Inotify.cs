using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>inotify (sys/inotify.h): LibraryImport, Tmds.LibC has no inotify.</summary>
internal static partial class LibcCalls
{
    // <sys/inotify.h>
    public const uint IN_CLOSE_WRITE = 0x8;
    public const uint IN_MOVED_FROM = 0x40;
    public const uint IN_MOVED_TO = 0x80;
    public const uint IN_DELETE = 0x200;
    public const uint IN_Q_OVERFLOW = 0x4000;
    public const uint IN_IGNORED = 0x8000;
    public const uint IN_ISDIR = 0x40000000;
    public const int IN_CLOEXEC = O_CLOEXEC;

    /// <summary>struct inotify_event without its name: wd, mask, cookie, len.</summary>
    public const int InotifyEventSize = 16;

    [LibraryImport(LibraryName, EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int InotifyInit1(int flags);

    [LibraryImport(LibraryName, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InotifyAddWatch(SafeHandle fd, string path, uint mask);

    [LibraryImport(LibraryName, EntryPoint = "inotify_rm_watch", SetLastError = true)]
    public static partial int InotifyRmWatch(SafeHandle fd, int wd);
}
