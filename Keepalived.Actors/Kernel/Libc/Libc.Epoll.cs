using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

internal static partial class Libc
{
    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const uint EPOLLIN = 0x001;
    public const int EFD_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;
    public const int TFD_NONBLOCK = 0x800;

    /// <summary>sizeof(struct epoll_event): packed (12 bytes) on x86-64, 16 elsewhere.</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>Offset of epoll_event.data.</summary>
    public static readonly int EpollDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    [LibraryImport(LibraryName, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport(LibraryName, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static unsafe partial int EpollCtl(SafeHandle epoll, int op, int fd, byte* @event);

    [LibraryImport(LibraryName, EntryPoint = "epoll_wait", SetLastError = true)]
    public static unsafe partial int EpollWait(SafeHandle epoll, byte* events, int maxEvents, int timeout);

    [LibraryImport(LibraryName, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);
}
