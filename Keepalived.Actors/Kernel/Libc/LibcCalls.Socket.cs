using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// Sockets, sendmsg/recvmsg and their control messages (sys/socket.h) through Tmds.LibC, whose
/// <see cref="msghdr"/>, <see cref="iovec"/> and <see cref="cmsghdr"/> the callers fill in.
/// </summary>
internal static partial class LibcCalls
{
    // address families and socket types (linux/socket.h)
    public const int AF_INET = 2;
    public const int AF_INET6 = 10;
    public const int AF_NETLINK = 16;
    public const int AF_PACKET = 17;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_RAW = 3;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;

    // socket levels
    public const int SOL_SOCKET = 1;
    public const int IPPROTO_IP = 0;
    public const int IPPROTO_IPV6 = 41;
    public const int SOL_PACKET = 263;
    public const int SOL_NETLINK = 270;

    // SOL_SOCKET options
    public const int SO_RCVBUF = 8;
    public const int SO_SNDBUF = 7;
    public const int SO_BINDTODEVICE = 25;
    public const int SO_MARK = 36;
    public const int SO_RCVBUFFORCE = 33;

    public const int MSG_PEEK = 0x2;
    public const int MSG_DONTROUTE = 0x4;
    public const int MSG_CTRUNC = 0x8;
    public const int MSG_TRUNC = 0x20;
    public const int MSG_DONTWAIT = 0x40;

    public static int Socket(int domain, int type, int protocol) => LibC.socket(domain, type, protocol);

    public static unsafe int Bind(SafeHandle fd, byte* address, int addressLength)
    {
        bool added = false;
        try { return LibC.bind(AddRef(fd, ref added), (sockaddr*)address, addressLength); }
        finally { Release(fd, added); }
    }

    public static unsafe int SetSockOpt(SafeHandle fd, int level, int name, byte* value, int length)
    {
        bool added = false;
        try { return LibC.setsockopt(AddRef(fd, ref added), level, name, value, length); }
        finally { Release(fd, added); }
    }

    public static unsafe int GetSockName(SafeHandle fd, byte* address, ref int addressLength)
    {
        bool added = false;
        socklen_t length = addressLength;
        try { return LibC.getsockname(AddRef(fd, ref added), (sockaddr*)address, &length); }
        finally
        {
            addressLength = (int)length;
            Release(fd, added);
        }
    }

    public static unsafe nint SendTo(SafeHandle fd, byte* buffer, nuint length, int flags, byte* address, int addressLength)
    {
        bool added = false;
        try { return (nint)(long)LibC.sendto(AddRef(fd, ref added), buffer, (size_t)(ulong)length, flags, (sockaddr*)address, addressLength); }
        finally { Release(fd, added); }
    }

    public static unsafe nint Recv(SafeHandle fd, byte* buffer, nuint length, int flags)
    {
        bool added = false;
        try { return (nint)(long)LibC.recv(AddRef(fd, ref added), buffer, (size_t)(ulong)length, flags); }
        finally { Release(fd, added); }
    }

    public static unsafe nint SendMsg(SafeHandle fd, msghdr* message, int flags)
    {
        bool added = false;
        try { return (nint)(long)LibC.sendmsg(AddRef(fd, ref added), message, flags); }
        finally { Release(fd, added); }
    }

    public static unsafe nint RecvMsg(SafeHandle fd, msghdr* message, int flags)
    {
        bool added = false;
        try { return (nint)(long)LibC.recvmsg(AddRef(fd, ref added), message, flags); }
        finally { Release(fd, added); }
    }

    /// <summary>
    /// CMSG_LEN as glibc defines it: the aligned header plus <paramref name="dataLength"/>, not
    /// rounded up. Tmds.LibC's <see cref="LibC.CMSG_LEN"/> rounds the sum up to 8, which gives
    /// 40 instead of 36 for an in6_pktinfo; the kernel wants the exact length for some types
    /// (IP_PKTINFO, IPV6_HOPLIMIT compare with !=). CMSG_SPACE and CMSG_ALIGN are Tmds.LibC's.
    /// </summary>
    public static unsafe int CMsgLen(int dataLength) => LibC.CMSG_ALIGN(sizeof(cmsghdr)) + dataLength;
}
