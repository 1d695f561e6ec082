using Keepalived.Actors.Config.Check;
using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Netlink;
using static Keepalived.Tests.Kernel.Ipvs.IpvsFixtures;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>Reading the kernel's IPVS dumps, info and errors back; bad input is refused, never thrown.</summary>
public class IpvsReplyTests
{
    private static byte[] ServiceMessage(in IpvsService service)
    {
        var buffer = new byte[256];
        var writer = new NetlinkWriter(buffer);
        var length = IpvsRequest.Service(ref writer, Family, IpvsCommand.NewService, service, 1);
        return buffer[..length];
    }

    private static byte[] DestinationMessage(in IpvsService service, in IpvsDestination destination)
    {
        var buffer = new byte[512];
        var writer = new NetlinkWriter(buffer);
        var length = IpvsRequest.Destination(ref writer, Family, IpvsCommand.NewDest, service, destination, 1);
        return buffer[..length];
    }

    private static NetlinkMessage Single(byte[] datagram)
    {
        var reader = new NetlinkMessageReader(datagram);
        Assert.True(reader.TryRead(out var message));
        return message;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Services_round_trip(int which)
    {
        var service = which switch { 0 => TcpPersistent, 1 => FwMark, _ => Ipv6Persistent with { PersistenceEngine = "sip" } };
        Assert.True(IpvsReply.TryReadService(Single(ServiceMessage(service)), out var read));
        Assert.Equal(service, read);
    }

    [Fact]
    public void Destinations_round_trip()
    {
        foreach (var destination in new[] { DirectRouting, Gue, Gue with { Address = IPAddress.Parse("2001:db8::9"), TunnelType = IpvsTunnelType.Gre, TunnelPort = 0 } })
        {
            Assert.True(IpvsReply.TryReadDestination(Single(DestinationMessage(TcpPersistent, destination)), out var read));
            Assert.Equal(destination, read);
        }
    }

    /// <summary>What the kernel's ip_vs_genl_fill_service sends: HASHED set, stats nests, NLA_F_NESTED possible.</summary>
    [Fact]
    public void Kernel_dump_masks_hashed_and_skips_stats()
    {
        var buffer = new byte[256];
        var w = new NetlinkWriter(buffer);
        GenericNetlink.BeginMessage(ref w, Family, (byte)IpvsCommand.NewService, 1, NetlinkFlags.Multi, 1);
        var nest = w.BeginNested(IpvsAttribute.Service | NetlinkWriter.NestedFlag);
        w.AttributeU16(IpvsServiceAttribute.Af, 2);
        w.AttributeU16(IpvsServiceAttribute.Protocol, 17);
        w.Attribute(IpvsServiceAttribute.Addr, [10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        w.Attribute(IpvsServiceAttribute.Port, [0x00, 0x35]);
        w.AttributeString(IpvsServiceAttribute.SchedName, "rr");
        w.Attribute(IpvsServiceAttribute.Flags, [3, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
        w.AttributeU32(IpvsServiceAttribute.Timeout, 300);
        w.Attribute(IpvsServiceAttribute.Netmask, [0xFF, 0xFF, 0xFF, 0xFF]);
        var stats = w.BeginNested(IpvsServiceAttribute.Stats64 | NetlinkWriter.NestedFlag);
        w.AttributeU64(1, 42);
        w.EndNested(stats);
        w.EndNested(nest);
        var length = w.EndMessage();

        Assert.True(IpvsReply.TryReadService(Single(buffer[..length]), out var read));
        Assert.Equal(IpvsService.ForAddress(IpvsProtocol.Udp, IPAddress.Parse("10.0.0.1"), 53, "rr")
            with { Flags = ServiceFlags.Persistent, Timeout = 300 }, read);
    }

    [Fact]
    public void Destination_without_address_family_takes_the_services()
    {
        var buffer = new byte[256];
        var w = new NetlinkWriter(buffer);
        GenericNetlink.BeginMessage(ref w, Family, (byte)IpvsCommand.NewDest, 1, NetlinkFlags.Multi, 1);
        var nest = w.BeginNested(IpvsAttribute.Dest);
        var address = new byte[16];
        IPAddress.Parse("2001:db8::2").TryWriteBytes(address, out _);
        w.Attribute(IpvsDestinationAttribute.Addr, address);
        w.Attribute(IpvsDestinationAttribute.Port, [0, 80]);
        w.AttributeU32(IpvsDestinationAttribute.FwdMethod, 0);
        w.AttributeU32(IpvsDestinationAttribute.Weight, 3);
        w.AttributeU32(IpvsDestinationAttribute.ActiveConns, 12);
        w.EndNested(nest);
        var length = w.EndMessage();

        Assert.True(IpvsReply.TryReadDestination(Single(buffer[..length]), out var read, AddressFamily.InterNetworkV6));
        Assert.Equal(new IpvsDestination(IPAddress.Parse("2001:db8::2"), 80, IpvsForwardingMethod.Masq, 3), read);
        // the active connections, read apart from the destination's settings
        Assert.True(IpvsReply.TryReadDestination(Single(buffer[..length]), out var counted, out var active, AddressFamily.InterNetworkV6));
        Assert.Equal(read, counted);
        Assert.Equal(12u, active);
        Assert.True(IpvsReply.TryReadDestination(Single(DestinationMessage(TcpPersistent, DirectRouting)), out _, out var none));
        Assert.Equal(0u, none);
    }

    [Fact]
    public void Info_reply_and_family_id()
    {
        var buffer = new byte[64];
        var w = new NetlinkWriter(buffer);
        GenericNetlink.BeginMessage(ref w, Family, (byte)IpvsCommand.SetInfo, 1, 0, 1);
        w.AttributeU32(IpvsAttribute.InfoVersion, 0x010201);
        w.AttributeU32(IpvsAttribute.InfoConnTabSize, 4096);
        var length = w.EndMessage();
        Assert.True(IpvsReply.TryReadInfo(Single(buffer[..length]), out var info));
        Assert.Equal("1.2.1", info.VersionString);
        Assert.Equal(4096u, info.ConnectionTableSize);
        Assert.False(IpvsReply.TryReadService(Single(buffer[..length]), out _));

        // nlctrl's CTRL_CMD_NEWFAMILY reply: name, then id
        GenericNetlink.BeginMessage(ref w, GenericNetlink.ControllerFamily, 1, 2, 0, 1);
        w.AttributeString(GenericNetlink.ControllerAttributeFamilyName, "IPVS");
        w.AttributeU16(GenericNetlink.ControllerAttributeFamilyId, 0x24);
        length = w.EndMessage();
        Assert.True(GenericNetlink.TryReadFamilyId(Single(buffer[..length]), out var id));
        Assert.Equal(0x24, id);
    }

    [Fact]
    public void Error_carries_the_errno()
    {
        var bytes = Convert.FromHexString(
            "24000000" + "0200" + "0001" + "05000000" + "00000000" +
            "FDFFFFFF" + "2C000000" + "2400" + "0500" + "05000000" + "00000000");
        var message = Single(bytes);
        Assert.True(IpvsReply.TryReadError(message, out var errno));
        Assert.Equal(Errno.ESRCH, errno);
        Assert.False(GenericNetlink.TryReadFamilyId(message, out _));
    }

    [Fact]
    public void Truncated_or_garbled_nests_are_refused_without_throwing()
    {
        var nest = Convert.FromHexString(TcpPersistentNest)[4..];
        Assert.True(IpvsReply.TryReadServiceNest(nest, out _));
        for (var cut = 0; cut < nest.Length; cut++)
            IpvsReply.TryReadServiceNest(nest.AsSpan(0, cut), out _);
        Assert.False(IpvsReply.TryReadServiceNest(nest.AsSpan(0, 30), out _));

        // an attribute shorter than its header, one running past the nest, a u16 with 1 byte
        Assert.False(IpvsReply.TryReadServiceNest(Convert.FromHexString("02000100"), out _));
        Assert.False(IpvsReply.TryReadServiceNest(Convert.FromHexString("FF000100" + "02000000"), out _));
        Assert.False(IpvsReply.TryReadServiceNest(Convert.FromHexString("05000100" + "02000000"), out _));
        Assert.False(IpvsReply.TryReadDestinationNest(Convert.FromHexString("05000300" + "03000000"), AddressFamily.InterNetwork, out _));
        // an unknown address family, a forwarding method the kernel never reports
        Assert.False(IpvsReply.TryReadServiceNest(Convert.FromHexString("06000100" + "07000000" + "08000500" + "01000000"), out _));

        var random = new Random(16);
        var message = DestinationMessage(TcpPersistent, Gue);
        for (var i = 0; i < 5000; i++)
        {
            var garbled = (byte[])message.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
                garbled[random.Next(garbled.Length)] = (byte)random.Next(256);
            var reader = new NetlinkMessageReader(garbled.AsSpan(0, random.Next(garbled.Length + 1)));
            while (reader.TryRead(out var m))
            {
                IpvsReply.TryReadDestination(m, out _);
                IpvsReply.TryReadService(m, out _);
                IpvsReply.TryReadInfo(m, out _);
                IpvsReply.TryReadError(m, out _);
                GenericNetlink.TryReadFamilyId(m, out _);
            }
        }
    }

    [Fact]
    public void Any_service_and_destination_round_trips()
    {
        Prop.ForAll<uint, ushort, int>((bits, port, mix) =>
        {
            var v6 = (mix & 1) != 0;
            var address = v6
                ? new IPAddress([0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, (byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits])
                : new IPAddress(BitConverter.GetBytes(bits));
            var family = address.AddressFamily;
            var service = (mix & 2) != 0
                ? IpvsService.ForFwMark(family, bits | 1, "sh")
                : IpvsService.ForAddress((mix & 4) != 0 ? IpvsProtocol.Udp : IpvsProtocol.Sctp, address, port, "mh");
            service = service with
            {
                Flags = (ServiceFlags)((uint)mix >> 3 & 0x3D),
                Timeout = (uint)mix >> 9,
                Netmask = v6 ? (uint)(mix & 127) + 1 : bits,
                PersistenceEngine = (mix & 8) != 0 ? "sip" : null,
            };
            var destination = new IpvsDestination(address, port, (IpvsForwardingMethod)((uint)mix >> 4 & 3), mix & int.MaxValue,
                (uint)mix, bits, (IpvsTunnelType)((uint)mix % 3), (ushort)(mix >> 3), (IpvsTunnelFlags)((uint)mix / 3 % 3));
            // only what the writer sends can come back: tunnel fields for tunnels, the port for GUE, flags unless IPIP
            if (destination.ForwardingMethod != IpvsForwardingMethod.Tunnel)
                destination = destination with { TunnelType = 0, TunnelPort = 0, TunnelFlags = 0 };
            else if (destination.TunnelType != IpvsTunnelType.Gue)
                destination = destination with { TunnelPort = 0, TunnelFlags = destination.TunnelType == IpvsTunnelType.Ipip ? 0 : destination.TunnelFlags };

            var serviceOk = IpvsReply.TryReadService(Single(ServiceMessage(service)), out var s) && s == service;
            var destinationOk = IpvsReply.TryReadDestination(Single(DestinationMessage(service, destination)), out var d) && d == destination;
            return serviceOk && destinationOk;
        }).QuickCheckThrowOnFailure();
    }
}
