using System.Net;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Tests.Kernel;

/// <summary>Gratuitous ARP and unsolicited NA sent in namespace A, captured in B, byte for byte.</summary>
public sealed class GarpNaTests
{
    [RootFact]
    public async Task Gratuitous_ARP_is_seen_in_B_as_keepalived_sends_it()
    {
        using var link = VethLink.Create();
        (int ifIndex, byte[] mac) = InterfaceA(link);
        using var sender = link.A.Run(() => new GarpSender());
        using var capture = link.B.Run(() => PacketCapture.Open(VethLink.BInterface));

        sender.Send(ifIndex, mac, IPAddress.Parse("10.199.0.100"));

        byte[] frame = await capture.NextAsync(f => PacketCapture.EtherType(f) == 0x0806);
        byte[] expected = [
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, .. mac, 0x08, 0x06,   // Ethernet broadcast, ARP
            0x00, 0x01, 0x08, 0x00, 6, 4, 0x00, 0x01,                  // Ethernet/IPv4, request
            .. mac, 10, 199, 0, 100,                                   // sender: our MAC, the VIP
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 10, 199, 0, 100,       // target: broadcast, the VIP
        ];
        Assert.Equal(expected, frame[..Math.Min(frame.Length, expected.Length)]);
    }

    [RootFact]
    public async Task Rehearsals_send_nothing_and_leave_the_senders_working()
    {
        using var link = VethLink.Create();
        (int ifIndex, byte[] mac) = InterfaceA(link);
        using var garp = link.A.Run(() => new GarpSender());
        using var na = link.A.Run(() => new UnsolicitedNaSender());
        using var capture = link.B.Run(() => PacketCapture.Open(VethLink.BInterface));

        garp.RehearseSend();
        na.RehearseSend();
        garp.Send(ifIndex, mac, IPAddress.Parse("10.199.0.101"));

        // had a rehearsal sent anything, an ARP with the unspecified address, or an NA, would come first
        byte[] frame = await capture.NextAsync(f => PacketCapture.EtherType(f) == 0x0806 || (PacketCapture.EtherType(f) == 0x86dd && f[20] == 58 && f[54] == 136));
        Assert.Equal(0x0806, PacketCapture.EtherType(frame));
        Assert.Equal([10, 199, 0, 101], frame[28..32]);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unsolicited_NA_is_seen_in_B_as_keepalived_sends_it(bool forwarding)
    {
        using var link = VethLink.Create();
        link.A.Exec("sysctl", "-qw", $"net.ipv6.conf.{VethLink.AInterface}.forwarding={(forwarding ? 1 : 0)}");
        (int ifIndex, byte[] mac, bool router) = link.A.Run(() => (KernelSocket.InterfaceIndex(VethLink.AInterface),
            InterfaceHardwareAddress.Read(VethLink.AInterface).Address.GetAddressBytes(),
            Ipv6Forwarding.IsRouter(VethLink.AInterface)));
        Assert.Equal(forwarding, router);
        using var sender = link.A.Run(() => new UnsolicitedNaSender());
        using var capture = link.B.Run(() => PacketCapture.Open(VethLink.BInterface));
        IPAddress vip = IPAddress.Parse("fd00:199::100");

        sender.Send(ifIndex, mac, vip, router);

        byte[] frame = await capture.NextAsync(f => PacketCapture.EtherType(f) == 0x86dd && f[20] == 58 && f[54] == 136);
        byte[] vipBytes = vip.GetAddressBytes();
        byte[] expected = [
            0x33, 0x33, 0, 0, 0, 1, .. mac, 0x86, 0xdd,                 // to all-nodes' MAC
            0x60, 0, 0, 0, 0, 32, 58, 255, .. vipBytes,                 // IPv6: ICMPv6, hop limit 255, from the VIP
            0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,       // to ff02::1
            136, 0, frame[56], frame[57], (byte)(forwarding ? 0xa0 : 0x20), 0, 0, 0, // NA, Override (+ Router)
            .. vipBytes, 2, 1, .. mac,                                  // target, target link-layer address
        ];
        Assert.Equal(expected, frame);
        Assert.Equal(0xffff, OnesComplementSum(frame.AsSpan(22, 32), frame.AsSpan(54), 58));
    }

    [RootFact]
    public void Sending_on_a_link_that_is_down_is_ENETDOWN()
    {
        using var link = VethLink.Create();
        (int ifIndex, byte[] mac) = InterfaceA(link);
        using var garp = link.A.Run(() => new GarpSender());
        using var na = link.A.Run(() => new UnsolicitedNaSender());
        link.A.Ip("link", "set", VethLink.AInterface, "down");

        Assert.Equal(Errno.ENETDOWN, Assert.Throws<ErrnoException>(() => garp.Send(ifIndex, mac, IPAddress.Parse("10.199.0.100"))).Errno);
        Assert.Equal(Errno.ENETDOWN, Assert.Throws<ErrnoException>(() => na.Send(ifIndex, mac, IPAddress.Parse("fd00:199::100"), false)).Errno);
    }

    [RootFact]
    public void Reading_the_MAC_of_a_missing_interface_is_ENODEV()
    {
        using var ns = NetNs.Create();
        var e = Assert.Throws<ErrnoException>(() => ns.Run(() => InterfaceHardwareAddress.Read("nosuch0")));
        Assert.Equal(Errno.ENODEV, e.Errno);
    }

    [RootFact]
    public void The_MAC_read_is_the_one_ip_reports()
    {
        using var link = VethLink.Create();
        string shown = link.A.Ip("-br", "link", "show", VethLink.AInterface);
        InterfaceHardwareAddress read = link.A.Run(() => InterfaceHardwareAddress.Read(VethLink.AInterface));
        Assert.Equal(1, read.HardwareType);
        Assert.Contains(string.Join(':', read.Address.GetAddressBytes().Select(b => b.ToString("x2"))), shown);
    }

    /// <summary>RFC 1071 sum over the IPv6 pseudo-header and the message: 0xffff when the checksum is right.</summary>
    private static int OnesComplementSum(ReadOnlySpan<byte> addresses, ReadOnlySpan<byte> message, int nextHeader)
    {
        long sum = message.Length + nextHeader;
        foreach (ReadOnlySpan<byte> part in new[] { addresses.ToArray(), message.ToArray() })
            for (int i = 0; i < part.Length; i += 2)
                sum += (part[i] << 8) | (i + 1 < part.Length ? part[i + 1] : 0);
        while (sum > 0xffff)
            sum = (sum & 0xffff) + (sum >> 16);
        return (int)sum;
    }

    /// <summary>Namespace A's veth end: its index and MAC address.</summary>
    private static (int Index, byte[] Mac) InterfaceA(VethLink link) =>
        link.A.Run(() => (KernelSocket.InterfaceIndex(VethLink.AInterface),
            InterfaceHardwareAddress.Read(VethLink.AInterface).Address.GetAddressBytes()));
}
