using System.Net.Sockets;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// A netlink socket (NETLINK_ROUTE unless told otherwise) bound to a kernel-chosen port id. Reads
/// take what is queued at once, and otherwise go through
/// <see cref="Socket.ReceiveAsync(Memory{byte}, SocketFlags, CancellationToken)"/> (epoll);
/// Dispose ends a pending read. The socket lives in the network namespace of the thread that
/// opened it.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    private readonly Socket _socket;

    public uint PortId { get; }

    /// <param name="protocol">NETLINK_ROUTE, NETLINK_NETFILTER, ...</param>
    public NetlinkSocket(int protocol = LibcCalls.NETLINK_ROUTE)
    {
        _socket = KernelSocket.Open(LibcCalls.AF_NETLINK, LibcCalls.SOCK_RAW, protocol);
        try
        {
            Span<byte> address = stackalloc byte[LibcCalls.SockAddrNlSize];
            WriteSockAddr(address);
            KernelSocket.Bind(_socket, address);
            PortId = ReadPortId();
            // errors echo only the request header, and carry the kernel's explanation text;
            // both are optional (older kernels), so failures are ignored
            TrySetOption(LibcCalls.NETLINK_CAP_ACK, 1);
            TrySetOption(LibcCalls.NETLINK_EXT_ACK, 1);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>NETLINK_ADD_MEMBERSHIP for an RTNLGRP_* group.</summary>
    public void Join(int group) =>
        KernelSocket.SetOption(_socket, LibcCalls.SOL_NETLINK, LibcCalls.NETLINK_ADD_MEMBERSHIP, group);

    /// <summary>SO_RCVBUFFORCE (root may exceed rmem_max), else SO_RCVBUF, as keepalived does.</summary>
    public void SetReceiveBuffer(int bytes)
    {
        try
        {
            KernelSocket.SetOption(_socket, LibcCalls.SOL_SOCKET, LibcCalls.SO_RCVBUFFORCE, bytes);
        }
        catch (ErrnoException)
        {
            KernelSocket.SetOption(_socket, LibcCalls.SOL_SOCKET, LibcCalls.SO_RCVBUF, bytes);
        }
    }

    /// <summary>Sends one request to the kernel (port 0).</summary>
    public void Send(ReadOnlySpan<byte> message)
    {
        Span<byte> kernel = stackalloc byte[LibcCalls.SockAddrNlSize];
        WriteSockAddr(kernel);
        KernelSocket.SendTo(_socket, message, kernel);
    }

    /// <summary>
    /// One datagram. ENOBUFS (the kernel dropped messages for this socket) surfaces as a
    /// <see cref="SocketException"/> with <see cref="SocketError.NoBufferSpaceAvailable"/>.
    /// </summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    /// <summary>
    /// One datagram before <paramref name="deadline"/>: a deadline that passes (while
    /// <paramref name="caller"/> has not cancelled) is ETIMEDOUT, a socket error its errno
    /// (ENOBUFS when the kernel dropped messages), each as an <see cref="ErrnoException"/> naming <paramref name="what"/>.
    /// </summary>
    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, string what, TimeSpan timeout,
        CancellationToken deadline, CancellationToken caller)
    {
        try
        {
            // The kernel answers an rtnetlink request (and produces the next part of a dump)
            // within the send (or the previous receive): the answer is usually queued already and
            // is read on this thread, without a round trip through the socket engine's thread.
            if (TryReceive(buffer.Span, what, out var queued)) return queued;
            return await ReceiveAsync(buffer, deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            throw new ErrnoException($"{what}: no answer within {timeout.TotalSeconds:0.###} s", Errno.ETIMEDOUT);
        }
        catch (SocketException e)
        {
            // on Linux NativeErrorCode is the errno; anything else is reported as EIO
            var errno = e.SocketErrorCode == SocketError.NoBufferSpaceAvailable ? Errno.ENOBUFS
                : e.NativeErrorCode is > 0 and < 4096 ? (Errno)e.NativeErrorCode : Errno.EIO;
            throw new ErrnoException(what, errno);
        }
    }

    /// <summary>A datagram already queued, read without waiting (false: none yet).</summary>
    public unsafe bool TryReceive(Span<byte> buffer, string what, out int length)
    {
        fixed (byte* b = buffer)
        {
            var n = LibcCalls.Recv(_socket.SafeHandle, b, (nuint)buffer.Length, LibcCalls.MSG_DONTWAIT);
            if (n >= 0)
            {
                length = (int)n;
                return true;
            }
        }
        length = 0;
        var errno = LibcCalls.LastErrno;
        return errno is Errno.EAGAIN or Errno.EINTR ? false : throw new ErrnoException(what, errno);
    }

    public void Dispose() => _socket.Dispose();

    private static void WriteSockAddr(Span<byte> address)
    {
        address.Clear();
        HostOrder.WriteU16(address, LibcCalls.AF_NETLINK);
    }

    private unsafe uint ReadPortId()
    {
        byte* address = stackalloc byte[LibcCalls.SockAddrNlSize];
        int length = LibcCalls.SockAddrNlSize;
        LibcCalls.ThrowIfFailed(LibcCalls.GetSockName(_socket.SafeHandle, address, ref length), "getsockname");
        // sockaddr_nl: family u16, pad u16, nl_pid u32, nl_groups u32
        return HostOrder.ReadU32(new ReadOnlySpan<byte>(address + 4, 4));
    }

    private void TrySetOption(int name, int value)
    {
        try
        {
            KernelSocket.SetOption(_socket, LibcCalls.SOL_NETLINK, name, value);
        }
        catch (ErrnoException)
        {
        }
    }
}
