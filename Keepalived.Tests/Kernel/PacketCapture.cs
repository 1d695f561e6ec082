using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Libc;
using Tmds.Linux;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Tests.Kernel;

/// <summary>
/// Every Ethernet frame seen on one interface (AF_PACKET, ETH_P_ALL), for checking bytes on the
/// wire. Open it (inside the namespace) before the frames are sent: they queue until read.
/// </summary>
public sealed class PacketCapture : IDisposable
{
    private readonly Socket _socket;

    private PacketCapture(Socket socket) => _socket = socket;

    /// <summary>Opens a capture on <paramref name="interfaceName"/> of the calling thread's namespace.</summary>
    public static unsafe PacketCapture Open(string interfaceName)
    {
        ushort all = (ushort)IPAddress.HostToNetworkOrder((short)ETH_P_ALL);
        Socket socket = KernelSocket.Open(AF_PACKET, SOCK_RAW, all);
        try
        {
            sockaddr_ll address = new() { sll_family = AF_PACKET, sll_protocol = all, sll_ifindex = KernelSocket.InterfaceIndex(interfaceName) };
            KernelSocket.Bind(socket, new ReadOnlySpan<byte>(&address, sizeof(sockaddr_ll)));
            return new PacketCapture(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next frame <paramref name="match"/> accepts; fails after 10 seconds.</summary>
    public async Task<byte[]> NextAsync(Func<byte[], bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[2048];
        while (true)
        {
            int length = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            byte[] frame = buffer[..length];
            if (match(frame))
                return frame;
        }
    }

    public static ushort EtherType(byte[] frame) => BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12));

    public void Dispose() => _socket.Dispose();
}
