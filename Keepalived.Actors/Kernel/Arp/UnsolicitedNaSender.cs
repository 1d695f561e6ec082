using System.Net;
using Keepalived.Actors.Kernel.Libc;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Arp;

/// <summary>
/// Sends keepalived's unsolicited Neighbour Advertisements (<see cref="UnsolicitedNaFrame"/>) on
/// any interface through one AF_PACKET socket (keepalived's ndisc channel). Thread-safe; no
/// allocation per send.
/// </summary>
public sealed class UnsolicitedNaSender : IDisposable
{
    private readonly PacketSocket _socket = new();

    /// <summary>
    /// One unsolicited NA for <paramref name="vip"/> on <paramref name="ifIndex"/> advertising
    /// <paramref name="mac"/>. <paramref name="router"/>: the Router flag, which keepalived sets
    /// when the interface forwards IPv6 (see <see cref="Ipv6Forwarding"/>).
    /// Throws <see cref="ErrnoException"/> when the kernel refuses (ENETDOWN: link down).
    /// </summary>
    public void Send(int ifIndex, ReadOnlySpan<byte> mac, IPAddress vip, bool router)
    {
        Span<byte> frame = stackalloc byte[UnsolicitedNaFrame.Length];
        UnsolicitedNaFrame.Write(frame, mac, vip, router);
        _socket.Send(ifIndex, frame, ETH_P_IPV6);
    }

    /// <summary>Builds a frame and runs the send path on no descriptor: nothing leaves (see <see cref="PacketSocket.RehearseSend"/>).</summary>
    public void RehearseSend()
    {
        Span<byte> frame = stackalloc byte[UnsolicitedNaFrame.Length];
        UnsolicitedNaFrame.Write(frame, stackalloc byte[6], IPAddress.IPv6Any, router: false);
        _socket.RehearseSend(frame, ETH_P_IPV6);
    }

    public void Dispose() => _socket.Dispose();
}
