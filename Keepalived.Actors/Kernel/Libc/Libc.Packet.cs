using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>AF_PACKET constants, sockaddr_ll and the interface ioctls (linux/if_packet.h, linux/sockios.h).</summary>
internal static partial class Libc
{
    // ethertypes (linux/if_ether.h), in host order; sockaddr_ll wants them in network order
    public const ushort ETH_P_IP = 0x0800;
    public const ushort ETH_P_ARP = 0x0806;
    public const ushort ETH_P_IPV6 = 0x86DD;
    public const ushort ETH_P_ALL = 0x0003;

    public const ushort ARPHRD_ETHER = 1;

    public const uint SIOCGIFHWADDR = 0x8927;
    public const int IFNAMSIZ = 16;

    public const int SizeOfSockAddrLl = 20;

    [LibraryImport(LibraryName, EntryPoint = "ioctl", SetLastError = true)]
    public static unsafe partial int Ioctl(SafeHandle fd, nuint request, byte* argument);

    /// <summary>struct sockaddr_ll.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct SockAddrLl
    {
        public ushort Family;
        public ushort Protocol;          // network order
        public int InterfaceIndex;
        public ushort HardwareType;
        public byte PacketType;
        public byte HardwareAddressLength;
        public fixed byte HardwareAddress[8];
    }
}
