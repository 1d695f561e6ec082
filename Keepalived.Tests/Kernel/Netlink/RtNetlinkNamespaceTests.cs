using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Tests.Kernel.Netlink;

/// <summary>RtNetlink against the kernel, inside a namespace each test creates and deletes.</summary>
public class RtNetlinkNamespaceTests
{
    private static (NetlinkNamespace Ns, RtNetlink Rt) Open()
    {
        var ns = NetlinkNamespace.Create();
        try
        {
            return (ns, ns.Enter(() => new RtNetlink()));
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    private static async Task<int> IndexOf(RtNetlink rt, string name) =>
        (await rt.DumpLinksAsync()).Single(l => l.Name == name).Index;

    [NetnsFact]
    public async Task Address_with_label_scope_and_broadcast_is_added_exactly_once_and_deleted()
    {
        var (ns, rt) = Open();
        using (ns)
        using (rt)
        {
            var ve0 = await IndexOf(rt, "ve0");
            var vip = new VirtualIpAddress
            {
                Address = IPAddress.Parse("10.199.1.10"), PrefixLength = 24, Scope = 253,
                Broadcast = IPAddress.Parse("10.199.1.255"), Label = "ve0:vip",
            };

            Assert.Equal(RtNetlinkResult.Done, await rt.AddAddressAsync(vip, ve0));
            Assert.Contains("inet 10.199.1.10/24 brd 10.199.1.255 scope link ve0:vip", ns.Ip("-o addr show dev ve0"));
            Assert.Equal(RtNetlinkResult.Exists, await rt.AddAddressAsync(vip, ve0));

            Assert.Equal(RtNetlinkResult.Done, await rt.DeleteAddressAsync(vip, ve0));
            Assert.DoesNotContain("10.199.1.10", ns.Ip("-o addr show dev ve0"));
            Assert.Equal(RtNetlinkResult.NotFound, await rt.DeleteAddressAsync(vip, ve0));
        }
    }

    [NetnsFact]
    public async Task Ipv6_address_is_added_nodad()
    {
        var (ns, rt) = Open();
        using (ns)
        using (rt)
        {
            var ve0 = await IndexOf(rt, "ve0");
            var vip = new VirtualIpAddress { Address = IPAddress.Parse("fd00:199::10"), PrefixLength = 64 };

            Assert.Equal(RtNetlinkResult.Done, await rt.AddAddressAsync(vip, ve0));
            Assert.Contains("inet6 fd00:199::10/64 scope global nodad", ns.Ip("-6 -o addr show dev ve0"));
            Assert.Equal(RtNetlinkResult.Exists, await rt.AddAddressAsync(vip, ve0));
            Assert.Equal(RtNetlinkResult.Done, await rt.DeleteAddressAsync(vip, ve0));
            Assert.DoesNotContain("fd00:199::10", ns.Ip("-6 -o addr show dev ve0"));
        }
    }

    [NetnsFact]
    public async Task Other_errors_are_typed_errno_exceptions()
    {
        var (ns, rt) = Open();
        using (ns)
        using (rt)
        {
            var vip = new VirtualIpAddress { Address = IPAddress.Parse("10.199.1.10"), PrefixLength = 24 };
            var e = await Assert.ThrowsAsync<ErrnoException>(() => rt.AddAddressAsync(vip, 9999));
            Assert.Equal(Errno.ENODEV, e.Errno);

            // the socket is still in step after an error: the next request gets its own answer
            Assert.Equal(RtNetlinkResult.Done, await rt.AddAddressAsync(vip, await IndexOf(rt, "ve0")));
        }
    }

    [NetnsFact]
    public async Task Route_with_via_dev_metric_table_is_in_the_table_and_deleted()
    {
        var (ns, rt) = Open();
        using (ns)
        using (rt)
        {
            ns.Ip("link set ve0 up");
            ns.Ip("link set ve1 up");
            ns.Ip("addr add 10.199.1.2/24 dev ve0");
            var links = (await rt.DumpLinksAsync()).ToDictionary(l => l.Name, l => l.Index);
            int Resolve(string name) => links.GetValueOrDefault(name);
            var route = new IpRoute
            {
                Destination = new RouteAddress(IPAddress.Parse("10.199.9.0"), 24, AddressFamily.InterNetwork),
                Via = IPAddress.Parse("10.199.1.1"), Device = "ve0", Metric = 50, Table = 100, Mode = "add",
            };

            Assert.Equal(RtNetlinkResult.Done, await rt.AddRouteAsync(route, Resolve));
            Assert.Matches(new Regex(@"^10\.199\.9\.0/24 via 10\.199\.1\.1 dev ve0 proto (18|keepalived) metric 50 ?$", RegexOptions.Multiline),
                ns.Ip("route show table 100"));
            Assert.Equal(RtNetlinkResult.Exists, await rt.AddRouteAsync(route, Resolve));

            Assert.Equal(RtNetlinkResult.Done, await rt.DeleteRouteAsync(route, Resolve));
            Assert.DoesNotContain("10.199.9.0", ns.Ip("route show table 100"));
            Assert.Equal(RtNetlinkResult.NotFound, await rt.DeleteRouteAsync(route, Resolve));
        }
    }

    [NetnsFact]
    public async Task Blackhole_route_and_rule()
    {
        var (ns, rt) = Open();
        using (ns)
        using (rt)
        {
            var blackhole = new IpRoute
            {
                Destination = new RouteAddress(IPAddress.Parse("10.199.66.0"), 24, AddressFamily.InterNetwork),
                Type = 6, Table = 200,
            };
            Assert.Equal(RtNetlinkResult.Done, await rt.AddRouteAsync(blackhole, _ => 0));
            Assert.Contains("blackhole 10.199.66.0/24", ns.Ip("route show table 200"));

            var rule = new IpRule
            {
                From = new RouteAddress(IPAddress.Parse("10.199.1.0"), 24, AddressFamily.InterNetwork),
                Action = "table", Table = 200, Preference = 1000,
            };
            Assert.Equal(RtNetlinkResult.Done, await rt.AddRuleAsync(rule));
            Assert.Matches(new Regex(@"^1000:\s+from 10\.199\.1\.0/24 lookup 200", RegexOptions.Multiline), ns.Ip("rule show"));
            Assert.Equal(RtNetlinkResult.Exists, await rt.AddRuleAsync(rule));
            Assert.Equal(RtNetlinkResult.Done, await rt.DeleteRuleAsync(rule));
            Assert.DoesNotContain("1000:", ns.Ip("rule show"));
            Assert.Equal(RtNetlinkResult.NotFound, await rt.DeleteRuleAsync(rule));
        }
    }

    [NetnsFact]
    public async Task Dumps_find_links_and_the_primary_address()
    {
        var (ns, rt) = Open();
        using (ns)
        using (rt)
        {
            ns.Ip("link set ve0 mtu 1400 address 02:00:00:c7:01:02");
            ns.Ip("addr add 10.199.1.2/24 dev ve0");
            ns.Ip("addr add 10.199.1.3/24 dev ve0");
            ns.Ip("addr add 10.199.5.1/24 dev ve1");

            var ve0 = (await rt.DumpLinksAsync()).Single(l => l.Name == "ve0");
            Assert.Equal("020000C70102", ve0.Mac.ToString());
            Assert.Equal(1400, ve0.Mtu);
            Assert.False(ve0.IsUp);
            Assert.Contains(await rt.DumpLinksAsync(), l => l.Name == "lo" && l.Flags.HasFlag(InterfaceFlags.Loopback));

            var addresses = await rt.DumpAddressesAsync(AddressFamily.InterNetwork);
            Assert.All(addresses, a => Assert.Equal(AddressFamily.InterNetwork, a.Family));
            var primary = NetlinkAddress.Primary(addresses, ve0.Index, AddressFamily.InterNetwork);
            Assert.Equal(IPAddress.Parse("10.199.1.2"), primary?.Address);
            Assert.Equal(24, primary?.PrefixLength);
            var secondary = addresses.Single(a => a.Address.Equals(IPAddress.Parse("10.199.1.3")));
            Assert.True(secondary.IsSecondary);
        }
    }
}
