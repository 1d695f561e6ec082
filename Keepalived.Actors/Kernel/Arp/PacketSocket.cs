using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Keepalived.Actors.Kernel.Libc;
using Tmds.Linux;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Arp;

/// <summary>
/// An AF_PACKET socket that sends whole Ethernet frames and receives nothing. keepalived opens
/// its with the frame's ethertype and then filters everything out; opened with protocol 0 the
/// kernel hands it no frames in the first place, and what goes on the wire is the same.
/// </summary>
internal sealed class PacketSocket : IDisposable
{
    private readonly Socket _socket = KernelSocket.Open(AF_PACKET, SOCK_RAW, 0);

    /// <summary>Sends one frame on <paramref name="ifIndex"/>; throws <see cref="ErrnoException"/> (ENETDOWN, ENXIO, ...).</summary>
    public void Send(int ifIndex, ReadOnlySpan<byte> frame, ushort ethertype)
    {
        if (SendOn(_socket.SafeHandle, ifIndex, frame, ethertype) < 0)
            throw new ErrnoException("sendto(AF_PACKET)", LastErrno);
    }

    /// <summary>
    /// Runs the send path once on no descriptor (a start-up rehearsal: <c>Vrrp.TakeoverRehearsal</c>):
    /// sendto fails with EBADF and nothing leaves.
    /// </summary>
    public void RehearseSend(ReadOnlySpan<byte> frame, ushort ethertype)
    {
        using var none = new SafeFileDescriptor(-1);
        SendOn(none, 0, frame, ethertype);
    }

    private static unsafe nint SendOn(SafeHandle fd, int ifIndex, ReadOnlySpan<byte> frame, ushort ethertype)
    {
        sockaddr_ll address = new()
        {
            sll_family = AF_PACKET,
            sll_protocol = (ushort)IPAddress.HostToNetworkOrder((short)ethertype),
            sll_ifindex = ifIndex,
        };
        fixed (byte* f = frame)
        {
            // MSG_DONTWAIT: a full device queue is an error to report, never a blocked caller
            return SendTo(fd, f, (nuint)frame.Length, MSG_DONTWAIT, (byte*)&address, sizeof(sockaddr_ll));
        }
    }

    public void Dispose() => _socket.Dispose();
}
