using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// Opens sockets of families and protocols .NET does not create itself (netlink, AF_PACKET, raw
/// IP protocol 112) with libc's socket(), and hands them to <see cref="Socket"/> so reads and
/// writes use the runtime's epoll-based async I/O and Dispose cancels a pending read.
/// Options and addresses .NET has no type for go through <see cref="LibcCalls"/> on
/// <see cref="Socket.SafeHandle"/>.
/// </summary>
public static class KernelSocket
{
    public static Socket Open(int domain, int type, int protocol)
    {
        int fd = LibcCalls.Socket(domain, type | LibcCalls.SOCK_CLOEXEC, protocol);
        if (fd < 0)
            throw new ErrnoException($"socket({domain}, {type}, {protocol})", LibcCalls.LastErrno);
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    /// <summary>bind() with a raw sockaddr (sockaddr_nl, sockaddr_ll, ...).</summary>
    public static unsafe void Bind(Socket socket, ReadOnlySpan<byte> address)
    {
        fixed (byte* a = address)
            LibcCalls.ThrowIfFailed(LibcCalls.Bind(socket.SafeHandle, a, address.Length), "bind");
    }

    /// <summary>sendto() with a raw sockaddr; returns the bytes sent.</summary>
    public static unsafe int SendTo(Socket socket, ReadOnlySpan<byte> data, ReadOnlySpan<byte> address)
    {
        fixed (byte* d = data)
        fixed (byte* a = address)
        {
            nint sent = LibcCalls.SendTo(socket.SafeHandle, d, (nuint)data.Length, 0, a, address.Length);
            if (sent < 0)
                throw new ErrnoException("sendto", LibcCalls.LastErrno);
            return (int)sent;
        }
    }

    /// <summary>setsockopt() with an int value.</summary>
    public static unsafe void SetOption(Socket socket, int level, int name, int value) =>
        LibcCalls.ThrowIfFailed(LibcCalls.SetSockOpt(socket.SafeHandle, level, name, (byte*)&value, sizeof(int)),
            $"setsockopt({level}, {name})");

    /// <summary>if_nametoindex(); 0 when the interface does not exist.</summary>
    public static int InterfaceIndex(string name) => (int)LibcCalls.IfNameToIndex(name);
}
