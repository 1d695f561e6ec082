using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

internal static partial class Libc
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
    public const int SO_RCVBUFFORCE = 33;

    public const int MSG_PEEK = 0x2;
    public const int MSG_TRUNC = 0x20;
    public const int MSG_DONTWAIT = 0x40;

    [LibraryImport(LibraryName, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(LibraryName, EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(SafeHandle fd, byte* address, int addressLength);

    [LibraryImport(LibraryName, EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSockOpt(SafeHandle fd, int level, int name, byte* value, int length);

    [LibraryImport(LibraryName, EntryPoint = "getsockopt", SetLastError = true)]
    public static unsafe partial int GetSockOpt(SafeHandle fd, int level, int name, byte* value, ref int length);

    [LibraryImport(LibraryName, EntryPoint = "sendto", SetLastError = true)]
    public static unsafe partial nint SendTo(SafeHandle fd, byte* buffer, nuint length, int flags, byte* address, int addressLength);

    [LibraryImport(LibraryName, EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Recv(SafeHandle fd, byte* buffer, nuint length, int flags);

    [LibraryImport(LibraryName, EntryPoint = "recvmsg", SetLastError = true)]
    public static unsafe partial nint RecvMsg(SafeHandle fd, MsgHdr* message, int flags);

    [LibraryImport(LibraryName, EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);

    /// <summary>struct iovec.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    /// <summary>struct msghdr (64-bit layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct MsgHdr
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct cmsghdr header (64-bit layout); data follows, aligned to 8 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CMsgHdr
    {
        public nuint Length;
        public int Level;
        public int Type;
    }
}
