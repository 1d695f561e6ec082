using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using System.Text;
using Keepalived.Actors.Kernel.Libc;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Arp;

/// <summary>
/// An interface's link-layer address as the kernel reports it (ioctl SIOCGIFHWADDR). Read with
/// an ioctl rather than /sys/class/net so it answers for the network namespace of the calling
/// thread, which is also where the packet sockets live.
/// </summary>
public readonly record struct InterfaceHardwareAddress(ushort HardwareType, PhysicalAddress Address)
{
    private const int IfReqLength = 40;   // struct ifreq: name[16] + the largest union member

    /// <summary>
    /// The MAC of <paramref name="interfaceName"/>. Throws <see cref="ErrnoException"/> with
    /// ENODEV when there is no such interface, <see cref="NotSupportedException"/> when its
    /// link layer is not Ethernet (keepalived's GARP/NA here are Ethernet only).
    /// </summary>
    public static unsafe InterfaceHardwareAddress Read(string interfaceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        if (Encoding.UTF8.GetByteCount(interfaceName) >= IFNAMSIZ)
            throw new ArgumentException($"interface name '{interfaceName}' is longer than {IFNAMSIZ - 1} bytes", nameof(interfaceName));

        Span<byte> request = stackalloc byte[IfReqLength];
        request.Clear();
        Encoding.UTF8.GetBytes(interfaceName, request);

        // any socket of the namespace answers interface ioctls
        using var socket = KernelSocket.Open(AF_INET, SOCK_DGRAM, 0);
        fixed (byte* r = request)
            ThrowIfFailed(Ioctl(socket.SafeHandle, SIOCGIFHWADDR, r), $"ioctl(SIOCGIFHWADDR, {interfaceName})");

        // ifr_hwaddr is a struct sockaddr: sa_family holds the ARPHRD type, sa_data the address
        ushort type = MemoryMarshal.Read<ushort>(request[IFNAMSIZ..]);
        if (type != ARPHRD_ETHER)
            throw new NotSupportedException($"{interfaceName}: link type {type} is not Ethernet");
        return new InterfaceHardwareAddress(type, new PhysicalAddress(request.Slice(IFNAMSIZ + 2, GarpFrame.MacLength).ToArray()));
    }
}
