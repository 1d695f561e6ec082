using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Netlink;
using static Keepalived.Tests.Kernel.Ipvs.IpvsFixtures;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>Byte-exact IPVS requests, in libipvs's attribute order (docs/check.md 3.3, 3.4).</summary>
public class IpvsRequestTests
{
    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    [Fact]
    public void Get_family_asks_nlctrl_for_IPVS()
    {
        var writer = new NetlinkWriter(new byte[64]);
        GenericNetlink.WriteGetFamily(ref writer, IpvsAttribute.FamilyName, sequence: 1);
        Assert.Equal(
            "20000000" + "1000" + "0100" + "01000000" + "00000000" +
            "03010000" +
            "09000200" + "49505653" + "00000000",
            Hex(writer.Written));
    }

    [Fact]
    public void Tcp_service_with_persistence_and_ipv4_granularity()
    {
        var writer = new NetlinkWriter(new byte[256]);
        IpvsRequest.Service(ref writer, Family, IpvsCommand.NewService, TcpPersistent, sequence: 1);
        Assert.Equal(
            "68000000" + "2400" + "0500" + "01000000" + "00000000" + "01010000" + TcpPersistentNest,
            Hex(writer.Written));
    }

    [Fact]
    public void Fwmark_service_has_no_protocol_address_or_port()
    {
        var writer = new NetlinkWriter(new byte[256]);
        IpvsRequest.Service(ref writer, Family, IpvsCommand.DelService, FwMark, sequence: 2);
        Assert.Equal(
            "4C000000" + "2400" + "0500" + "02000000" + "00000000" + "03010000" + FwMarkNest,
            Hex(writer.Written));
    }

    [Fact]
    public void Ipv6_service_sends_its_prefix_length_in_host_order()
    {
        var writer = new NetlinkWriter(new byte[256]);
        IpvsRequest.Service(ref writer, Family, IpvsCommand.SetService, Ipv6Persistent, sequence: 3);
        Assert.Equal(
            "68000000" + "2400" + "0500" + "03000000" + "00000000" + "02010000" +
            "54000100" +
            "06000100" + "0A000000" +
            "06000200" + "06000000" +
            "14000300" + "20010DB8000000000000000000000001" +
            "06000400" + "01BB0000" +
            "07000600" + "72720000" +
            "0C000700" + "01000000" + "FFFFFFFF" +
            "08000800" + "3C000000" +
            "08000900" + "40000000",
            Hex(writer.Written));
    }

    [Fact]
    public void Direct_routing_destination_on_a_fwmark_service()
    {
        var writer = new NetlinkWriter(new byte[256]);
        IpvsRequest.Destination(ref writer, Family, IpvsCommand.NewDest, FwMark, DirectRouting, sequence: 4);
        Assert.Equal(
            "94000000" + "2400" + "0500" + "04000000" + "00000000" + "05010000" + FwMarkNest +
            "48000200" +
            "06000B00" + "02000000" +
            "14000100" + "0A000002" + "000000000000000000000000" +
            "06000200" + "00000000" +
            "08000300" + "03000000" +
            "08000400" + "01000000" +
            "08000500" + "00000000" +
            "08000600" + "00000000",
            Hex(writer.Written));
    }

    [Fact]
    public void Gue_tunnel_destination_sends_type_port_and_flags_before_thresholds()
    {
        var writer = new NetlinkWriter(new byte[256]);
        IpvsRequest.Destination(ref writer, Family, IpvsCommand.DelDest, TcpPersistent, Gue, sequence: 5);
        Assert.Equal(
            "C8000000" + "2400" + "0500" + "05000000" + "00000000" + "07010000" + TcpPersistentNest +
            "60000200" +
            "06000B00" + "02000000" +
            "14000100" + "C0A8010A" + "000000000000000000000000" +
            "06000200" + "00500000" +
            "08000300" + "02000000" +
            "08000400" + "05000000" +
            "05000D00" + "01000000" +
            "06000E00" + "17C00000" +
            "06000F00" + "01000000" +
            "08000500" + "64000000" +
            "08000600" + "0A000000",
            Hex(writer.Written));
    }

    [Fact]
    public void Ipip_tunnel_sends_its_type_only()
    {
        var writer = new NetlinkWriter(new byte[256]);
        var ipip = Gue with { TunnelType = IpvsTunnelType.Ipip };
        var length = IpvsRequest.Destination(ref writer, Family, IpvsCommand.NewDest, FwMark, ipip, sequence: 6);
        Assert.Contains("05000D00" + "00000000" + "08000500", Hex(writer.Written));
        Assert.DoesNotContain("06000E00", Hex(writer.Written));
        Assert.Equal(16 + 4 + 0x38 + 0x50, length);
    }

    [Fact]
    public void Dumps_flush_and_info()
    {
        var writer = new NetlinkWriter(new byte[256]);
        IpvsRequest.DumpServices(ref writer, Family, sequence: 7);
        Assert.Equal("14000000" + "2400" + "0103" + "07000000" + "00000000" + "04010000", Hex(writer.Written));

        IpvsRequest.DumpDestinations(ref writer, Family, TcpPersistent, sequence: 8);
        Assert.Equal(
            "44000000" + "2400" + "0103" + "08000000" + "00000000" + "08010000" +
            "30000100" +
            "06000100" + "02000000" +
            "06000200" + "06000000" +
            "14000300" + "0A000001" + "000000000000000000000000" +
            "06000400" + "00500000",
            Hex(writer.Written));

        IpvsRequest.Flush(ref writer, Family, sequence: 9);
        Assert.Equal("14000000" + "2400" + "0500" + "09000000" + "00000000" + "11010000", Hex(writer.Written));

        IpvsRequest.GetInfo(ref writer, Family, sequence: 10);
        Assert.Equal("14000000" + "2400" + "0100" + "0A000000" + "00000000" + "0F010000", Hex(writer.Written));
    }

    [Fact]
    public void Wrong_command_or_too_long_scheduler_is_refused_before_sending()
    {
        var buffer = new byte[256];
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var w = new NetlinkWriter(buffer);
            IpvsRequest.Service(ref w, Family, IpvsCommand.NewDest, TcpPersistent, 1);
        });
        Assert.Throws<ArgumentException>(() =>
        {
            var w = new NetlinkWriter(buffer);
            IpvsRequest.Service(ref w, Family, IpvsCommand.NewService, TcpPersistent with { Scheduler = "sixteen-letters!" }, 1);
        });
    }
    [Fact]
    public void Writing_requests_allocates_nothing()
    {
        var buffer = new byte[512];
        void WriteAll()
        {
            var w = new NetlinkWriter(buffer);
            IpvsRequest.Service(ref w, Family, IpvsCommand.NewService, TcpPersistent, 1);
            IpvsRequest.Destination(ref w, Family, IpvsCommand.SetDest, Ipv6Persistent, Gue, 2);
            IpvsRequest.DumpDestinations(ref w, Family, FwMark, 3);
        }
        WriteAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
            WriteAll();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Identity_ignores_scheduler_and_persistence()
    {
        Assert.True(TcpPersistent.SameIdentity(TcpPersistent with { Scheduler = "rr", Flags = 0, Timeout = 0 }));
        Assert.False(TcpPersistent.SameIdentity(TcpPersistent with { Port = 81 }));
        Assert.False(TcpPersistent.SameIdentity(TcpPersistent with { Protocol = IpvsProtocol.Udp }));
        Assert.True(FwMark.SameIdentity(FwMark with { Scheduler = "wrr" }));
        Assert.False(FwMark.SameIdentity(FwMark with { FwMark = 8 }));
        Assert.False(FwMark.SameIdentity(FwMark with { Family = System.Net.Sockets.AddressFamily.InterNetworkV6 }));
    }
}
