using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;
using Tmds.Linux;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// Raw VRRP (IP protocol 112) I/O on one interface for one address family, multicast or
/// unicast, shared by every instance there (the caller demultiplexes by VRID). Adverts leave as
/// keepalived 2.2.7 sends them: TTL / hop limit 255 (unicast: unicast_ttl), TOS / traffic class
/// 0xc0, the source the instance asks for, never looped back to us.
/// <para>
/// <see cref="Send"/> may be called from any thread; <see cref="ReceiveAsync"/> by one reader at
/// a time. Kernel errors surface as <see cref="ErrnoException"/> (ENETDOWN, ENETUNREACH,
/// EADDRNOTAVAIL, ...); malformed or truncated datagrams are counted and skipped.
/// </para>
/// </summary>
public sealed class VrrpSocket : IDisposable
{
    /// <summary>The IPv4 total length field bounds what fits behind our header.</summary>
    public const int MaxMessageLength = ushort.MaxValue - Ipv4Header.MinimumLength;

    private readonly Socket _send;
    private readonly Socket _read;
    private readonly bool _ipv4;
    private readonly byte _ipv4Ttl;
    private readonly AddressCache _addresses = new();
    private readonly byte[] _peek = new byte[1];
    private long _truncated;
    private long _malformed;

    public VrrpSocket(VrrpSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            throw new ArgumentException($"address family {options.Family} is not IPv4 or IPv6", nameof(options));
        if (options.Group.AddressFamily != options.Family || !IsMulticast(options.Group))
            throw new ArgumentException($"{options.Group} is not a multicast group of {options.Family}", nameof(options));
        if (options.UnicastSource is { } source && source.AddressFamily != options.Family)
            throw new ArgumentException($"unicast source {source} is not {options.Family}", nameof(options));

        Options = options;
        InterfaceIndex = KernelSocket.InterfaceIndex(options.Interface);
        if (InterfaceIndex == 0)
            throw new ErrnoException($"if_nametoindex({options.Interface})", Errno.ENODEV);
        _ipv4 = options.Family == AddressFamily.InterNetwork;
        _ipv4Ttl = options.Unicast && options.UnicastTtl is byte ttl ? ttl : (byte)255;

        _send = VrrpSocketSetup.OpenSend(options, InterfaceIndex);
        try
        {
            _read = VrrpSocketSetup.OpenRead(options, InterfaceIndex);
        }
        catch
        {
            _send.Dispose();
            throw;
        }
    }

    public VrrpSocketOptions Options { get; }

    /// <summary>The read socket's descriptor, for an event loop to watch.</summary>
    public SafeHandle ReadHandle => _read.SafeHandle;

    public int InterfaceIndex { get; }

    /// <summary>
    /// The read socket's SO_RCVBUF. The kernel doubles what is set (its bookkeeping) and caps it
    /// at net.core.rmem_max, as it does keepalived's; reading gives the doubled value.
    /// </summary>
    public int ReceiveBufferSize
    {
        get => _read.ReceiveBufferSize;
        set => _read.ReceiveBufferSize = value;
    }

    /// <summary>Datagrams dropped because they were larger than the receive buffer.</summary>
    public long TruncatedDrops => Interlocked.Read(ref _truncated);

    /// <summary>Datagrams dropped because their IPv4 header did not add up.</summary>
    public long MalformedDrops => Interlocked.Read(ref _malformed);

    /// <summary>
    /// Sends one VRRP message (header, addresses, checksum as the codec built it) from
    /// <paramref name="source"/> to <paramref name="destination"/> (the group or a unicast peer).
    /// </summary>
    public void Send(ReadOnlySpan<byte> vrrpMessage, IPAddress source, IPAddress destination)
    {
        if (SendOn(_send.SafeHandle, vrrpMessage, source, destination) < 0)
            throw new ErrnoException("sendmsg", LastErrno);
    }

    /// <summary>
    /// Runs the send path once on no descriptor (a start-up rehearsal: <c>Vrrp.TakeoverRehearsal</c>):
    /// sendmsg fails with EBADF and nothing leaves.
    /// </summary>
    public void RehearseSend()
    {
        using var none = new SafeFileDescriptor(-1);
        Span<byte> message = stackalloc byte[VrrpConstants.HeaderLength];
        SendOn(none, message, _ipv4 ? IPAddress.Any : IPAddress.IPv6Any, Options.Group);
    }

    private unsafe nint SendOn(SafeHandle fd, ReadOnlySpan<byte> vrrpMessage, IPAddress source, IPAddress destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.AddressFamily != Options.Family || destination.AddressFamily != Options.Family)
            throw new ArgumentException($"{source} -> {destination} is not {Options.Family}");
        if (vrrpMessage.Length > MaxMessageLength)
            throw new ArgumentException($"VRRP message of {vrrpMessage.Length} bytes is too long", nameof(vrrpMessage));

        bool multicast = IsMulticast(destination);
        Span<byte> name = stackalloc byte[InetSockAddr.MaxLength];
        int nameLength = InetSockAddr.Write(name, destination, NeedsScope(destination) ? InterfaceIndex : 0);
        Span<byte> ipHeader = stackalloc byte[Ipv4Header.MinimumLength];
        Span<byte> control = stackalloc byte[ControlMessages.SendSpace];
        int controlLength = 0;
        if (_ipv4)
            WriteIpv4Header(ipHeader, source, destination, multicast ? (byte)255 : _ipv4Ttl, vrrpMessage.Length);
        else
            controlLength = ControlMessages.WriteIpv6PacketInfo(control, source, InterfaceIndex);

        fixed (byte* n = name)
        fixed (byte* h = ipHeader)
        fixed (byte* m = vrrpMessage)
        fixed (byte* c = control)
        {
            // IPv4: our header, then the message, in one datagram; IPv6: the kernel adds the header
            iovec* iov = stackalloc iovec[2];
            int iovCount = 0;
            if (_ipv4)
                iov[iovCount++] = new iovec { iov_base = h, iov_len = Ipv4Header.MinimumLength };
            iov[iovCount++] = new iovec { iov_base = m, iov_len = vrrpMessage.Length };
            msghdr message = new()
            {
                msg_name = n,
                msg_namelen = nameLength,
                msg_iov = iov,
                msg_iovlen = iovCount,
                msg_control = controlLength > 0 ? c : null,
                msg_controllen = controlLength,
            };
            // keepalived sends to the group with MSG_DONTROUTE: it is link-local by definition
            int flags = MSG_DONTWAIT | (multicast ? MSG_DONTROUTE : 0);
            return SendMsg(fd, &message, flags);
        }
    }

    /// <summary>
    /// Waits for the next VRRP datagram and reads it into <paramref name="buffer"/>. Cancelling
    /// <paramref name="ct"/> throws <see cref="OperationCanceledException"/>; disposing the socket
    /// ends a pending call with <see cref="ObjectDisposedException"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<VrrpReceived> ReceiveAsync(Memory<byte> buffer, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                // readiness without consuming: the datagram is then read with recvmsg for its ancillary data
                await _read.ReceiveAsync(_peek, SocketFlags.Peek, ct).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                throw new ObjectDisposedException(nameof(VrrpSocket));
            }
            catch (SocketException e)
            {
                throw new ErrnoException("recv", (Errno)e.NativeErrorCode);
            }
            if (TryReceive(buffer.Span, out VrrpReceived received))
                return received;
        }
    }

    /// <summary>
    /// Blocking form for a receive thread: waits up to <paramref name="wait"/> for a datagram and
    /// reads it; false when none came (or one was dropped). Disposing the socket ends a wait with
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public bool TryReceive(Span<byte> buffer, TimeSpan wait, out VrrpReceived received)
    {
        received = default;
        try
        {
            if (!_read.Poll(wait, SelectMode.SelectRead)) return false;
        }
        catch (SocketException e)
        {
            throw new ErrnoException("poll", (Errno)e.NativeErrorCode);
        }
        return TryReceive(buffer, out received);
    }

    private unsafe bool TryReceive(Span<byte> buffer, out VrrpReceived received)
    {
        received = default;
        Span<byte> name = stackalloc byte[InetSockAddr.MaxLength];
        Span<byte> control = stackalloc byte[ControlMessages.ReceiveSpace];
        nint length;
        msghdr message;
        fixed (byte* n = name)
        fixed (byte* b = buffer)
        fixed (byte* c = control)
        {
            iovec iov = new() { iov_base = b, iov_len = buffer.Length };
            message = new msghdr
            {
                msg_name = n,
                msg_namelen = name.Length,
                msg_iov = &iov,
                msg_iovlen = 1,
                msg_control = c,
                msg_controllen = control.Length,
            };
            length = RecvMsg(_read.SafeHandle, &message, MSG_DONTWAIT);
        }
        if (length < 0)
        {
            Errno errno = LastErrno;
            return errno is Errno.EAGAIN or Errno.EINTR ? false : throw new ErrnoException("recvmsg", errno);
        }
        if ((message.msg_flags & MSG_TRUNC) != 0)
        {
            Interlocked.Increment(ref _truncated);
            return false;
        }

        ReadOnlySpan<byte> datagram = buffer[..(int)length];
        int ifIndex = 0, hopLimit = -1;
        scoped ReadOnlySpan<byte> destination = default;
        ControlMessages.Read(control[..(int)message.msg_controllen], ref ifIndex, ref hopLimit, ref destination);

        if (_ipv4)
        {
            if (!Ipv4Header.TryLocatePayload(datagram, out var ip, out int offset, out int payloadLength))
            {
                Interlocked.Increment(ref _malformed);
                return false;
            }
            received = new VrrpReceived(offset, payloadLength,
                _addresses.Get(ip.Source), _addresses.Get(ip.Destination), ip.Ttl, ifIndex);
            return true;
        }

        ReadOnlySpan<byte> source = InetSockAddr.Ipv6Address(name, out uint scopeId);
        received = new VrrpReceived(0, (int)length,
            _addresses.Get(source, scopeId),
            destination.IsEmpty ? Options.Group : _addresses.Get(destination),
            hopLimit, ifIndex);
        return true;
    }

    /// <summary>keepalived's IPv4 header of an advert (vrrp_build_ip4), written without allocating.</summary>
    private static void WriteIpv4Header(Span<byte> header, IPAddress source, IPAddress destination, byte ttl, int payloadLength)
    {
        Span<byte> from = stackalloc byte[4];
        Span<byte> to = stackalloc byte[4];
        source.TryWriteBytes(from, out _);
        destination.TryWriteBytes(to, out _);
        Ipv4Header.Write(header, from, to, VrrpConstants.IpProtocolVrrp, payloadLength, ttl);
    }

    private static bool IsMulticast(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
            return address.IsIPv6Multicast;
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return (bytes[0] & 0xf0) == 0xe0; // 224.0.0.0/4
    }

    private static bool NeedsScope(IPAddress address) =>
        address.IsIPv6LinkLocal || address.IsIPv6Multicast;

    public void Dispose()
    {
        _read.Dispose();
        _send.Dispose();
    }
}
