using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Arp;

/// <summary>
/// The gratuitous ARP keepalived 2.2.7 sends for an IPv4 VIP (vrrp_arp.c,
/// send_gratuitous_arp_immediate): an Ethernet broadcast carrying an ARP request whose sender
/// and target protocol addresses are both the VIP, sender hardware address the interface's (or
/// VMAC's) MAC and target hardware address the broadcast address.
/// </summary>
public static class GarpFrame
{
    public const int EthernetHeaderLength = 14;
    public const int MacLength = 6;
    /// <summary>14 bytes of Ethernet header and 28 of ARP (the driver pads to the 60-byte minimum).</summary>
    public const int Length = EthernetHeaderLength + 28;

    private const ushort ArpRequest = 1;

    public static void Write(Span<byte> frame, ReadOnlySpan<byte> mac, IPAddress vip)
    {
        if (mac.Length != MacLength)
            throw new ArgumentException($"an Ethernet MAC has {MacLength} bytes, not {mac.Length}", nameof(mac));
        if (vip.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"{vip} is not an IPv4 address", nameof(vip));
        if (frame.Length < Length)
            throw new ArgumentException($"a gratuitous ARP needs {Length} bytes", nameof(frame));

        Span<byte> broadcast = stackalloc byte[MacLength];
        broadcast.Fill(0xff);

        broadcast.CopyTo(frame);
        mac.CopyTo(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], ETH_P_ARP);

        Span<byte> arp = frame[EthernetHeaderLength..Length];
        BinaryPrimitives.WriteUInt16BigEndian(arp, ARPHRD_ETHER);
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], ETH_P_IP);
        arp[4] = MacLength;
        arp[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], ArpRequest);
        mac.CopyTo(arp[8..]);               // sender hardware address
        vip.TryWriteBytes(arp[14..18], out _); // sender protocol address
        broadcast.CopyTo(arp[18..]);        // target hardware address, as keepalived fills it
        vip.TryWriteBytes(arp[24..28], out _); // target protocol address
    }
}
