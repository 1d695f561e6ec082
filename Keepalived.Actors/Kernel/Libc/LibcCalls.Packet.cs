using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// AF_PACKET (linux/if_packet.h: Tmds.LibC's <see cref="sockaddr_ll"/>) and the interface
/// ioctls (linux/sockios.h) through Tmds.LibC.
/// </summary>
internal static partial class LibcCalls
{
    // ethertypes (linux/if_ether.h), in host order; sockaddr_ll wants them in network order
    public const ushort ETH_P_IP = 0x0800;
    public const ushort ETH_P_ARP = 0x0806;
    public const ushort ETH_P_IPV6 = 0x86DD;
    public const ushort ETH_P_ALL = 0x0003;

    public const ushort ARPHRD_ETHER = 1;

    public const int SIOCGIFHWADDR = 0x8927;

    public static unsafe int Ioctl(SafeHandle fd, int request, byte* argument)
    {
        bool added = false;
        try { return LibC.ioctl(AddRef(fd, ref added), request, argument); }
        finally { Release(fd, added); }
    }
}
