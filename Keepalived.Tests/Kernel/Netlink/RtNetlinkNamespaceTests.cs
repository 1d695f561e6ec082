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
    /// <summary>A namespace and a request socket opened inside it; Dispose closes both.</summary>
    private sealed class Session : IDisposable
    {
        public NetlinkNamespace Ns { get; } = NetlinkNamespace.Create();
        public RtNetlink Rt { get; }

        public Session()
        {
            try
            {
                Rt = Ns.Enter(() => new RtNetlink());
            }
            catch
            {
                Ns.Dispose();
                throw;
            }
        }

        public async Task<int> IndexOf(string name) => (await Rt.DumpLinksAsync()).Single(l => l.Name == name).Index;

        public void Dispose()
        {
            Rt.Dispose();
            Ns.Dispose();
        }
    }

    /// <summary>
    /// Add gives Done and the object shows in <paramref name="show"/>; a second add gives Exists;
    /// delete gives Done and <paramref name="gone"/> is no longer shown; a second delete gives NotFound.
    /// </summary>
    private static async Task AddOnceThenDelete(Func<Task<RtNetlinkResult>> add, Func<Task<RtNetlinkResult>> delete,
        Func<string> show, string shown, string gone)
    {
        Assert.Equal(RtNetlinkResult.Done, await add());
        Assert.Matches(new Regex(shown, RegexOptions.Multiline), show());
        Assert.Equal(RtNetlinkResult.Exists, await add());
        Assert.Equal(RtNetlinkResult.Done, await delete());
        Assert.DoesNotContain(gone, show());
        Assert.Equal(RtNetlinkResult.NotFound, await delete());
    }

    [RootFact(Tool = "ip")]
    public async Task Address_with_label_scope_and_broadcast_is_added_exactly_once_and_deleted()
    {
        using var s = new Session();
        var ve0 = await s.IndexOf("ve0");
        var vip = new VirtualIpAddress
        {
            Address = IPAddress.Parse("10.199.1.10"), PrefixLength = 24, Scope = 253,
            Broadcast = IPAddress.Parse("10.199.1.255"), Label = "ve0:vip",
        };

        await AddOnceThenDelete(() => s.Rt.AddAddressAsync(vip, ve0), () => s.Rt.DeleteAddressAsync(vip, ve0),
            () => s.Ns.Ip("-o addr show dev ve0"),
            Regex.Escape("inet 10.199.1.10/24 brd 10.199.1.255 scope link ve0:vip"), "10.199.1.10");
    }

    [RootFact(Tool = "ip")]
    public async Task Ipv6_address_is_added_nodad()
    {
        using var s = new Session();
        var ve0 = await s.IndexOf("ve0");
        var vip = new VirtualIpAddress { Address = IPAddress.Parse("fd00:199::10"), PrefixLength = 64 };

        await AddOnceThenDelete(() => s.Rt.AddAddressAsync(vip, ve0), () => s.Rt.DeleteAddressAsync(vip, ve0),
            () => s.Ns.Ip("-6 -o addr show dev ve0"), "inet6 fd00:199::10/64 scope global nodad", "fd00:199::10");
    }

    [RootFact(Tool = "ip")]
    public async Task Other_errors_are_typed_errno_exceptions()
    {
        using var s = new Session();
        var vip = new VirtualIpAddress { Address = IPAddress.Parse("10.199.1.10"), PrefixLength = 24 };
        var e = await Assert.ThrowsAsync<ErrnoException>(() => s.Rt.AddAddressAsync(vip, 9999));
        Assert.Equal(Errno.ENODEV, e.Errno);

        // the socket is still in step after an error: the next request gets its own answer
        Assert.Equal(RtNetlinkResult.Done, await s.Rt.AddAddressAsync(vip, await s.IndexOf("ve0")));
    }

    [RootFact(Tool = "ip")]
    public async Task Route_with_via_dev_metric_table_is_in_the_table_and_deleted()
    {
        using var s = new Session();
        s.Ns.Ip("link set ve0 up");
        s.Ns.Ip("link set ve1 up");
        s.Ns.Ip("addr add 10.199.1.2/24 dev ve0");
        var links = (await s.Rt.DumpLinksAsync()).ToDictionary(l => l.Name, l => l.Index);
        int Resolve(string name) => links.GetValueOrDefault(name);
        var route = new IpRoute
        {
            Destination = new RouteAddress(IPAddress.Parse("10.199.9.0"), 24, AddressFamily.InterNetwork),
            Via = IPAddress.Parse("10.199.1.1"), Device = "ve0", Metric = 50, Table = 100, Mode = "add",
        };

        await AddOnceThenDelete(() => s.Rt.AddRouteAsync(route, Resolve), () => s.Rt.DeleteRouteAsync(route, Resolve),
            () => s.Ns.Ip("route show table 100"),
            @"^10\.199\.9\.0/24 via 10\.199\.1\.1 dev ve0 proto (18|keepalived) metric 50 ?$", "10.199.9.0");
    }

    [RootFact(Tool = "ip")]
    public async Task Blackhole_route_and_rule()
    {
        using var s = new Session();
        var blackhole = new IpRoute
        {
            Destination = new RouteAddress(IPAddress.Parse("10.199.66.0"), 24, AddressFamily.InterNetwork),
            Type = 6, Table = 200,
        };
        Assert.Equal(RtNetlinkResult.Done, await s.Rt.AddRouteAsync(blackhole, _ => 0));
        Assert.Contains("blackhole 10.199.66.0/24", s.Ns.Ip("route show table 200"));

        var rule = new IpRule
        {
            From = new RouteAddress(IPAddress.Parse("10.199.1.0"), 24, AddressFamily.InterNetwork),
            Action = "table", Table = 200, Preference = 1000,
        };
        await AddOnceThenDelete(() => s.Rt.AddRuleAsync(rule), () => s.Rt.DeleteRuleAsync(rule),
            () => s.Ns.Ip("rule show"), @"^1000:\s+from 10\.199\.1\.0/24 lookup 200", "1000:");
    }

    [RootFact(Tool = "ip")]
    public async Task Dumps_find_links_and_the_primary_address()
    {
        using var s = new Session();
        s.Ns.Ip("link set ve0 mtu 1400 address 02:00:00:c7:01:02");
        s.Ns.Ip("addr add 10.199.1.2/24 dev ve0");
        s.Ns.Ip("addr add 10.199.1.3/24 dev ve0");
        s.Ns.Ip("addr add 10.199.5.1/24 dev ve1");

        var links = await s.Rt.DumpLinksAsync();
        var ve0 = links.Single(l => l.Name == "ve0");
        Assert.Equal("020000C70102", ve0.Mac.ToString());
        Assert.Equal(1400, ve0.Mtu);
        Assert.False(ve0.IsUp);
        Assert.Contains(links, l => l.Name == "lo" && l.Flags.HasFlag(InterfaceFlags.Loopback));

        var addresses = await s.Rt.DumpAddressesAsync(AddressFamily.InterNetwork);
        Assert.All(addresses, a => Assert.Equal(AddressFamily.InterNetwork, a.Family));
        var primary = NetlinkAddress.Primary(addresses, ve0.Index, AddressFamily.InterNetwork);
        Assert.Equal(IPAddress.Parse("10.199.1.2"), primary?.Address);
        Assert.Equal(24, primary?.PrefixLength);
        Assert.True(addresses.Single(a => a.Address.Equals(IPAddress.Parse("10.199.1.3"))).IsSecondary);
    }
}
