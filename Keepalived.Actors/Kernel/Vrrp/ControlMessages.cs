using System.Net;
using System.Runtime.InteropServices;
using static Keepalived.Actors.Kernel.Libc.Libc;

namespace Keepalived.Actors.Kernel.Vrrp;

/// <summary>
/// The ancillary data of VRRP datagrams: IPV6_PKTINFO written on send (source address and
/// interface, as keepalived's vrrp_build_ancillary_data), IP_PKTINFO / IPV6_PKTINFO /
/// IPV6_HOPLIMIT read on receive.
/// </summary>
internal static class ControlMessages
{
    /// <summary>Room for what the read socket asks for (IPv6: pktinfo + hop limit; IPv4: pktinfo).</summary>
    public static int ReceiveSpace => CMsgSpace(SizeOfIn6PktInfo) + CMsgSpace(sizeof(int));

    public static int SendSpace => CMsgSpace(SizeOfIn6PktInfo);

    /// <summary>Writes one IPV6_PKTINFO message; returns its length.</summary>
    public static unsafe int WriteIpv6PacketInfo(Span<byte> control, IPAddress source, int ifIndex)
    {
        int space = CMsgSpace(SizeOfIn6PktInfo);
        control[..space].Clear();
        MemoryMarshal.Write(control, new CMsgHdr { Length = (nuint)CMsgLen(SizeOfIn6PktInfo), Level = IPPROTO_IPV6, Type = IPV6_PKTINFO });
        Span<byte> info = control[CMsgAlign(sizeof(CMsgHdr))..];
        source.TryWriteBytes(info[..16], out _);
        MemoryMarshal.Write(info[16..], ifIndex);
        return space;
    }

    /// <summary>
    /// What the kernel reported for a received datagram. Values not present stay as given
    /// (IPv4 has its TTL and destination in the header instead).
    /// </summary>
    public static unsafe void Read(ReadOnlySpan<byte> control, ref int ifIndex, ref int hopLimit, ref ReadOnlySpan<byte> destination)
    {
        int headerSpace = CMsgAlign(sizeof(CMsgHdr));
        while (control.Length >= headerSpace)
        {
            CMsgHdr header = MemoryMarshal.Read<CMsgHdr>(control);
            if (header.Length < (nuint)headerSpace || header.Length > (nuint)control.Length)
                return;
            ReadOnlySpan<byte> data = control[headerSpace..(int)header.Length];
            if (header.Level == IPPROTO_IP && header.Type == IP_PKTINFO && data.Length >= SizeOfInPktInfo)
            {
                ifIndex = MemoryMarshal.Read<int>(data);
            }
            else if (header.Level == IPPROTO_IPV6 && header.Type == IPV6_PKTINFO && data.Length >= SizeOfIn6PktInfo)
            {
                destination = data[..16];
                ifIndex = MemoryMarshal.Read<int>(data[16..]);
            }
            else if (header.Level == IPPROTO_IPV6 && header.Type == IPV6_HOPLIMIT && data.Length >= sizeof(int))
            {
                hopLimit = MemoryMarshal.Read<int>(data);
            }
            int next = CMsgAlign((int)header.Length);
            if (next >= control.Length)
                return;
            control = control[next..];
        }
    }
}
