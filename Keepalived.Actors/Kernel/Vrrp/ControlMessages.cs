using System.Net;
using System.Runtime.InteropServices;
using Tmds.Linux;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// The ancillary data of VRRP datagrams: IPV6_PKTINFO written on send (source address and
/// interface, as keepalived's vrrp_build_ancillary_data), IP_PKTINFO / IPV6_PKTINFO /
/// IPV6_HOPLIMIT read on receive.
/// </summary>
internal static class ControlMessages
{
    /// <summary>Room for what the read socket asks for (IPv6: pktinfo + hop limit; IPv4: pktinfo).</summary>
    public static unsafe int ReceiveSpace => LibC.CMSG_SPACE(sizeof(in6_pktinfo)) + LibC.CMSG_SPACE(sizeof(int));

    public static unsafe int SendSpace => LibC.CMSG_SPACE(sizeof(in6_pktinfo));

    /// <summary>Writes one IPV6_PKTINFO message; returns its length.</summary>
    public static unsafe int WriteIpv6PacketInfo(Span<byte> control, IPAddress source, int ifIndex)
    {
        int space = LibC.CMSG_SPACE(sizeof(in6_pktinfo));
        control[..space].Clear();
        MemoryMarshal.Write(control, new cmsghdr { cmsg_len = CMsgLen(sizeof(in6_pktinfo)), cmsg_level = IPPROTO_IPV6, cmsg_type = IPV6_PKTINFO });
        in6_pktinfo info = new() { ipi6_ifindex = (uint)ifIndex };
        source.TryWriteBytes(new Span<byte>(info.ipi6_addr.s6_addr, 16), out _);
        MemoryMarshal.Write(control[LibC.CMSG_ALIGN(sizeof(cmsghdr))..], info);
        return space;
    }

    /// <summary>
    /// What the kernel reported for a received datagram. Values not present stay as given
    /// (IPv4 has its TTL and destination in the header instead).
    /// </summary>
    public static unsafe void Read(ReadOnlySpan<byte> control, ref int ifIndex, ref int hopLimit, ref ReadOnlySpan<byte> destination)
    {
        int headerSpace = LibC.CMSG_ALIGN(sizeof(cmsghdr));
        while (control.Length >= headerSpace)
        {
            cmsghdr header = MemoryMarshal.Read<cmsghdr>(control);
            // cmsg_len is a size_t, which cmsghdr hands out cut to 32 bits: checked whole
            nuint length = MemoryMarshal.Read<nuint>(control);
            if (length < (nuint)headerSpace || length > (nuint)control.Length)
                return;
            ReadOnlySpan<byte> data = control[headerSpace..(int)length];
            if (header.cmsg_level == IPPROTO_IP && header.cmsg_type == IP_PKTINFO && data.Length >= sizeof(in_pktinfo))
            {
                ifIndex = MemoryMarshal.Read<in_pktinfo>(data).ipi_ifindex;
            }
            else if (header.cmsg_level == IPPROTO_IPV6 && header.cmsg_type == IPV6_PKTINFO && data.Length >= sizeof(in6_pktinfo))
            {
                destination = data[..16];
                ifIndex = (int)MemoryMarshal.Read<in6_pktinfo>(data).ipi6_ifindex;
            }
            else if (header.cmsg_level == IPPROTO_IPV6 && header.cmsg_type == IPV6_HOPLIMIT && data.Length >= sizeof(int))
            {
                hopLimit = MemoryMarshal.Read<int>(data);
            }
            int next = LibC.CMSG_ALIGN((int)length);
            if (next >= control.Length)
                return;
            control = control[next..];
        }
    }
}
