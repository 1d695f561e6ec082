using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Arp;

/// <summary>
/// The unsolicited Neighbour Advertisement keepalived 2.2.7 sends for an IPv6 VIP (vrrp_ndisc.c,
/// ndisc_send_unsolicited_na_immediate; RFC 4861 §4.4, §7.2.6): from the VIP to all-nodes ff02::1
/// (Ethernet 33:33:00:00:00:01, RFC 2464 §7), hop limit 255, Override set, Router set when the
/// interface forwards IPv6, Solicited clear, and a Target Link-Layer Address option with the MAC.
/// </summary>
public static class UnsolicitedNaFrame
{
    private const int Ipv6HeaderLength = 40;
    private const int IcmpLength = 24 + 8;   // the advertisement and one 8-byte option
    private const int IcmpOffset = GarpFrame.EthernetHeaderLength + Ipv6HeaderLength;

    public const int Length = IcmpOffset + IcmpLength;

    private const byte NeighbourAdvertisement = 136;
    private const byte RouterFlag = 0x80;
    private const byte OverrideFlag = 0x20;
    private const byte TargetLinkLayerAddress = 2;
    private const byte HopLimit = 255;

    private static ReadOnlySpan<byte> AllNodes => [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01];
    private static ReadOnlySpan<byte> AllNodesMac => [0x33, 0x33, 0, 0, 0, 0x01];

    public static void Write(Span<byte> frame, ReadOnlySpan<byte> mac, IPAddress vip, bool router)
    {
        if (mac.Length != GarpFrame.MacLength)
            throw new ArgumentException($"an Ethernet MAC has {GarpFrame.MacLength} bytes, not {mac.Length}", nameof(mac));
        if (vip.AddressFamily != AddressFamily.InterNetworkV6)
            throw new ArgumentException($"{vip} is not an IPv6 address", nameof(vip));
        if (frame.Length < Length)
            throw new ArgumentException($"an unsolicited NA needs {Length} bytes", nameof(frame));
        frame = frame[..Length];
        frame.Clear();

        AllNodesMac.CopyTo(frame);
        mac.CopyTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], ETH_P_IPV6);

        Span<byte> ip = frame[GarpFrame.EthernetHeaderLength..IcmpOffset];
        ip[0] = 0x60;                                   // version 6, traffic class and flow label 0
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], IcmpLength);
        ip[6] = IPPROTO_ICMPV6;
        ip[7] = HopLimit;                               // RFC 4861 §7.1.2: receivers drop anything else
        vip.TryWriteBytes(ip[8..24], out _);
        AllNodes.CopyTo(ip[24..40]);

        Span<byte> icmp = frame[IcmpOffset..];
        icmp[0] = NeighbourAdvertisement;
        icmp[4] = (byte)(OverrideFlag | (router ? RouterFlag : 0));
        vip.TryWriteBytes(icmp[8..24], out _);          // target address
        icmp[24] = TargetLinkLayerAddress;
        icmp[25] = 1;                                   // option length in units of 8 bytes
        mac.CopyTo(icmp[26..]);

        // checksum over the pseudo-header (source, destination, upper-layer length, next header) and the message
        uint sum = InternetChecksum.Add(0, ip[8..40]);
        sum += IcmpLength + IPPROTO_ICMPV6;
        sum = InternetChecksum.Add(sum, icmp);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Complement(sum));
    }
}
