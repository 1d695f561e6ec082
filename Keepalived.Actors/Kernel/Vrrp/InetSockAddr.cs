using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// sockaddr_in / sockaddr_in6 written into and read from raw bytes (no port: raw sockets carry
/// the protocol number there). sa_family and sin6_scope_id are in host order, addresses in network order.
/// </summary>
internal static class InetSockAddr
{
    public const int MaxLength = SizeOfSockAddrIn6;

    /// <summary>Writes <paramref name="address"/> and returns the sockaddr's length.</summary>
    public static int Write(Span<byte> sockaddr, IPAddress address, int scopeId)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            sockaddr[..SizeOfSockAddrIn].Clear();
            MemoryMarshal.Write(sockaddr, (ushort)AF_INET);
            address.TryWriteBytes(sockaddr[4..8], out _);
            return SizeOfSockAddrIn;
        }
        sockaddr[..SizeOfSockAddrIn6].Clear();
        MemoryMarshal.Write(sockaddr, (ushort)AF_INET6);
        address.TryWriteBytes(sockaddr[8..24], out _);
        MemoryMarshal.Write(sockaddr[24..], scopeId);
        return SizeOfSockAddrIn6;
    }

    /// <summary>The address bytes of a received sockaddr_in6 and its scope id.</summary>
    public static ReadOnlySpan<byte> Ipv6Address(ReadOnlySpan<byte> sockaddr, out uint scopeId)
    {
        scopeId = MemoryMarshal.Read<uint>(sockaddr[24..]);
        return sockaddr[8..24];
    }
}
