using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Libc;
using static Keepalived.Actors.Kernel.Libc.Libc;

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
    public unsafe void Send(int ifIndex, ReadOnlySpan<byte> frame, ushort ethertype)
    {
        SockAddrLl address = new()
        {
            Family = AF_PACKET,
            Protocol = (ushort)IPAddress.HostToNetworkOrder((short)ethertype),
            InterfaceIndex = ifIndex,
        };
        fixed (byte* f = frame)
        {
            // MSG_DONTWAIT: a full device queue is an error to report, never a blocked caller
            nint sent = SendTo(_socket.SafeHandle, f, (nuint)frame.Length, MSG_DONTWAIT, (byte*)&address, SizeOfSockAddrLl);
            if (sent < 0)
                throw new ErrnoException("sendto(AF_PACKET)", LastErrno);
        }
    }

    public void Dispose() => _socket.Dispose();
}
