using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Tests.Kernel.Netlink;

public class RouteMessageTests
{
    /// <summary>
    /// strace -e write=3 of <c>ip route add 10.199.9.0/24 via 10.199.1.1 dev ve0 metric 50 table 100 onlink</c>
    /// (ifindex 3): DST, GATEWAY, PRIORITY, OIF; protocol boot; NLM_F_EXCL|NLM_F_CREATE.
    /// </summary>
    private const string IpRouteAddStrace =
        "3c000000 18000506 e646026b 00000000" +
        "02180000 64030001 04000000 08000100" +
        "0ac70900 08000500 0ac70101 08000600" +
        "32000000 08000400 03000000";

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));

    private static IpRoute Route() => new()
    {
        Destination = new RouteAddress(IPAddress.Parse("10.199.9.0"), 24, AddressFamily.InterNetwork),
        Via = IPAddress.Parse("10.199.1.1"), Device = "ve0", Metric = 50, Table = 100, OnLink = true,
    };

    private static byte[] Build(IpRoute route, bool add, uint sequence = 0x6b0246e6)
    {
        var buffer = new byte[1024];
        var writer = new NetlinkWriter(buffer);
        RouteMessage.Write(ref writer, route, add, sequence, name => name switch { "ve0" => 3, "ve1" => 4, _ => 0 });
        return writer.Written.ToArray();
    }

    private static Dictionary<ushort, string> Attributes(byte[] message)
    {
        var reader = new NetlinkMessageReader(message);
        Assert.True(reader.TryRead(out var m));
        var result = new Dictionary<ushort, string>();
        var attributes = m.Attributes(RtMsg.Size);
        while (attributes.TryRead(out var a))
            result.Add(a.Type, Convert.ToHexString(a.Value));
        Assert.False(attributes.Malformed);
        return result;
    }

    [Fact]
    public void Add_matches_keepalived_order_and_the_attributes_ip_route_sends()
    {
        // keepalived: REQUEST|ACK|CREATE (prepend), protocol keepalived (18), OIF before PRIORITY
        var expected = Hex(
            "3c000000 18000504 e646026b 00000000" +
            "02180000 64120001 04000000" +
            "08000100 0ac70900 08000500 0ac70101" +
            "08000400 03000000 08000600 32000000");
        var bytes = Build(Route(), add: true);

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
        Assert.Equal(Attributes(Hex(IpRouteAddStrace)), Attributes(bytes));
    }

    [Fact]
    public void Delete_has_scope_nowhere_and_no_type_unless_given()
    {
        var bytes = Build(Route(), add: false);
        var rtm = RtMsg.Read(bytes.AsSpan(16));
        Assert.Equal((ushort)NetlinkMessageType.DelRoute, BitConverter.ToUInt16(bytes, 4));
        Assert.Equal(NetlinkFlags.Request | NetlinkFlags.Ack, BitConverter.ToUInt16(bytes, 6));
        Assert.Equal(RtMsg.ScopeNowhere, rtm.Scope);
        Assert.Equal(0, rtm.Type);

        var blackhole = Route();
        blackhole.Via = null;
        blackhole.Device = null;
        blackhole.Type = 6;
        Assert.Equal(6, RtMsg.Read(Build(blackhole, add: false).AsSpan(16)).Type);
    }

    [Fact]
    public void Large_table_goes_in_rta_table_and_modes_set_flags()
    {
        var route = Route();
        route.Table = 1000;
        route.Mode = "add";
        var bytes = Build(route, add: true);
        Assert.Equal(0, RtMsg.Read(bytes.AsSpan(16)).Table);
        Assert.Equal("E8030000", Attributes(bytes)[(ushort)RouteAttribute.Table]);
        Assert.Equal(NetlinkFlags.Request | NetlinkFlags.Ack | NetlinkFlags.Create | NetlinkFlags.Excl, BitConverter.ToUInt16(bytes, 6));

        route.Mode = "append";
        Assert.Equal(NetlinkFlags.Request | NetlinkFlags.Ack | NetlinkFlags.Create | NetlinkFlags.Append, BitConverter.ToUInt16(Build(route, add: true), 6));
    }

    [Fact]
    public void Metrics_are_nested_with_lock_bits()
    {
        var route = Route();
        route.Metrics["mtu"] = "lock 1400";
        route.Metrics["advmss"] = "1360";
        route.Metrics["rtt"] = "2ms";
        route.Metrics["congctl"] = "cubic";
        route.Metrics["features"] = "ecn";
        var metrics = Attributes(Build(route, add: true))[(ushort)RouteAttribute.Metrics];

        var nested = new AttributeReader(Convert.FromHexString(metrics));
        var seen = new List<(ushort, string)>();
        while (nested.TryRead(out var a)) seen.Add((a.Type, Convert.ToHexString(a.Value)));
        Assert.Equal(
        [
            ((ushort)RouteMetric.CcAlgo, Convert.ToHexString("cubic"u8)),
            ((ushort)RouteMetric.Rtt, "10000000"), // 2 ms in 1/8 ms
            ((ushort)RouteMetric.Features, "01000000"),
            ((ushort)RouteMetric.Mtu, "78050000"),
            ((ushort)RouteMetric.AdvMss, "50050000"),
            ((ushort)RouteMetric.Lock, "04000000"), // 1 << RTAX_MTU
        ], seen);
    }

    [Fact]
    public void Nexthops_are_rtnexthops_with_their_own_gateways()
    {
        var route = new IpRoute { Destination = new RouteAddress(IPAddress.Parse("10.199.8.0"), 24, AddressFamily.InterNetwork) };
        route.NextHops.Add(new NextHop { Via = IPAddress.Parse("10.199.1.1"), Device = "ve0", Weight = 2 });
        route.NextHops.Add(new NextHop { Via = IPAddress.Parse("10.199.2.1"), Device = "ve1", OnLink = true });
        var multipath = Attributes(Build(route, add: true))[(ushort)RouteAttribute.Multipath];

        Assert.Equal(
            "1000" + "00" + "01" + "03000000" + "08000500" + "0AC70101" +
            "1000" + "04" + "00" + "04000000" + "08000500" + "0AC70201",
            multipath);
    }

    [Fact]
    public void Ipv4_route_via_ipv6_uses_rta_via()
    {
        var route = Route();
        route.Via = IPAddress.Parse("fe80::1");
        var via = Attributes(Build(route, add: true))[(ushort)RouteAttribute.Via];
        Assert.Equal("0A00" + "FE800000000000000000000000000001", via);
    }

    [Fact]
    public void Unknown_device_is_enodev()
    {
        var route = Route();
        route.Device = "nosuch";
        var e = Assert.Throws<ErrnoException>(() => Build(route, add: true));
        Assert.Equal(Errno.ENODEV, e.Errno);
    }
}
