using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// epoll and eventfd (sys/epoll.h, sys/eventfd.h) through Tmds.LibC, whose
/// <see cref="epoll_event"/> has each architecture's layout (packed, 12 bytes, on x86-64).
/// </summary>
internal static partial class LibcCalls
{
    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;
    public const int EPOLLIN = 0x001;
    public const int EFD_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;

    public static int EpollCreate1(int flags) => LibC.epoll_create1(flags);

    public static unsafe int EpollCtl(SafeHandle epoll, int op, int fd, epoll_event* @event)
    {
        bool added = false;
        try { return LibC.epoll_ctl(AddRef(epoll, ref added), op, fd, @event); }
        finally { Release(epoll, added); }
    }

    public static unsafe int EpollWait(SafeHandle epoll, epoll_event* events, int maxEvents, int timeout)
    {
        bool added = false;
        try { return LibC.epoll_wait(AddRef(epoll, ref added), events, maxEvents, timeout); }
        finally { Release(epoll, added); }
    }

    public static int EventFd(uint initial, int flags) => LibC.eventfd(initial, flags);
}
