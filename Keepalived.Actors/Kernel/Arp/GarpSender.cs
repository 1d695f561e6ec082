using System.Net;
using Keepalived.Actors.Kernel.Libc;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Arp;

/// <summary>
/// Sends keepalived's gratuitous ARPs (<see cref="GarpFrame"/>) on any interface through one
/// AF_PACKET socket (keepalived's shared garp channel). Thread-safe; no allocation per send.
/// </summary>
public sealed class GarpSender : IDisposable
{
    private readonly PacketSocket _socket = new();

    /// <summary>
    /// One gratuitous ARP for <paramref name="vip"/> on <paramref name="ifIndex"/> with
    /// <paramref name="mac"/> as sender (the interface's, or the VMAC's when the VIP is on one).
    /// Throws <see cref="ErrnoException"/> when the kernel refuses (ENETDOWN: link down).
    /// </summary>
    public void Send(int ifIndex, ReadOnlySpan<byte> mac, IPAddress vip)
    {
        Span<byte> frame = stackalloc byte[GarpFrame.Length];
        GarpFrame.Write(frame, mac, vip);
        _socket.Send(ifIndex, frame, ETH_P_ARP);
    }

    /// <summary>Builds a frame and runs the send path on no descriptor: nothing leaves (see <see cref="PacketSocket.RehearseSend"/>).</summary>
    public void RehearseSend()
    {
        Span<byte> frame = stackalloc byte[GarpFrame.Length];
        GarpFrame.Write(frame, stackalloc byte[6], IPAddress.Any);
        _socket.RehearseSend(frame, ETH_P_ARP);
    }

    public void Dispose() => _socket.Dispose();
}
