using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Libc;
using DesiredService = Keepalived.Actors.Kernel.Ipvs.IpvsActor.DesiredService;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>The diff of a desired table against the kernel's and the owned entries: order, minimality, ownership.</summary>
public sealed class IpvsPlanTests
{
    internal static IpvsService Tcp(string address, ushort port, string scheduler = "wrr") =>
        IpvsService.ForAddress(IpvsProtocol.Tcp, IPAddress.Parse(address), port, scheduler);

    internal static IpvsDestination Masq(string address, ushort port, int weight = 1) =>
        new(IPAddress.Parse(address), port, IpvsForwardingMethod.Masq, weight);

    internal static readonly DesiredService Web = new(Tcp("10.0.0.1", 80), [Masq("10.0.0.2", 80, 3), Masq("10.0.0.3", 80)]);

    internal static readonly DesiredService Dns = new(IpvsService.ForAddress(IpvsProtocol.Udp, IPAddress.Parse("10.0.0.1"), 53, "rr"),
        [new IpvsDestination(IPAddress.Parse("10.0.0.2"), 53, IpvsForwardingMethod.Route, 1)]);

    private static List<string> Ops(IpvsPlan plan) => plan.Operations.Select(o => o.ToString()).ToList();

    [Fact]
    public void A_new_service_comes_before_its_destinations_in_desired_order()
    {
        var plan = IpvsPlan.Create([Web], [], []);
        Assert.Equal(["NEW_SERVICE TCP 10.0.0.1:80 wrr", "NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 3",
            "NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 1"], Ops(plan));
        Assert.Equal([Web], plan.Owned);
    }

    [Fact]
    public void An_equal_table_gets_no_operation()
    {
        Assert.Empty(IpvsPlan.Create([Web, Dns], [Dns, Web], [Web, Dns]).Operations);
        // the kernel lists destinations in its own order: still equal
        Assert.Empty(IpvsPlan.Create([Web], [Web with { Destinations = [.. Web.Destinations.Reverse()] }], [Web]).Operations);
    }

    [Fact]
    public void Within_a_service_dropped_destinations_go_first_then_changed_ones_then_new_ones()
    {
        var kernel = Web with { Destinations = [Masq("10.0.0.2", 80, 3), Masq("10.0.0.3", 80), Masq("10.0.0.4", 80)] };
        var desired = Web with { Destinations = [Masq("10.0.0.5", 80), Masq("10.0.0.3", 80, 0), Masq("10.0.0.6", 80)] };
        var plan = IpvsPlan.Create([desired], [kernel], [kernel]);
        Assert.Equal([
            "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80",
            "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.4:80",
            "SET_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 0",
            "NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.5:80 masq weight 1",
            "NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.6:80 masq weight 1"], Ops(plan));
    }

    [Fact]
    public void Set_service_only_for_changed_settings()
    {
        var persistent = Web with { Service = Web.Service with { Flags = ServiceFlags.Persistent, Timeout = 300, Netmask = 0xFFFFFF00 } };
        Assert.Equal(["SET_SERVICE TCP 10.0.0.1:80 wrr persistent 300 mask 255.255.255.0"], Ops(IpvsPlan.Create([persistent], [Web], [Web])));
        var engine = persistent with { Service = persistent.Service with { PersistenceEngine = "sip" } };
        Assert.Single(IpvsPlan.Create([engine], [persistent], [persistent]).Operations);
        Assert.Empty(IpvsPlan.Create([persistent with { Service = persistent.Service with { PersistenceEngine = "" } }], [persistent], [persistent]).Operations);
    }

    [Fact]
    public void Tunnel_fields_count_only_where_the_kernel_uses_them()
    {
        var ipip = new IpvsDestination(IPAddress.Parse("10.0.0.9"), 80, IpvsForwardingMethod.Tunnel, 1);
        Assert.True(IpvsPlan.SameSettings(ipip with { TunnelPort = 99, TunnelFlags = IpvsTunnelFlags.Checksum }, ipip));
        var gre = ipip with { TunnelType = IpvsTunnelType.Gre };
        Assert.True(IpvsPlan.SameSettings(gre with { TunnelPort = 99 }, gre));
        Assert.False(IpvsPlan.SameSettings(gre with { TunnelFlags = IpvsTunnelFlags.Checksum }, gre));
        var gue = ipip with { TunnelType = IpvsTunnelType.Gue, TunnelPort = 6080 };
        Assert.False(IpvsPlan.SameSettings(gue with { TunnelPort = 6081 }, gue));
        Assert.False(IpvsPlan.SameSettings(gue, gre));
        var route = ipip with { ForwardingMethod = IpvsForwardingMethod.Route };
        Assert.True(IpvsPlan.SameSettings(route with { TunnelType = IpvsTunnelType.Gue }, route));
        Assert.False(IpvsPlan.SameSettings(route with { UpperThreshold = 5 }, route));
    }

    [Fact]
    public void A_removed_service_loses_its_owned_destinations_in_their_order_then_itself()
    {
        var plan = IpvsPlan.Create([Dns], [Web, Dns], [Web, Dns]);
        Assert.Equal(["DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80", "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80", "DEL_SERVICE TCP 10.0.0.1:80"], Ops(plan));
        Assert.Equal([Dns], plan.Owned);
    }

    [Fact]
    public void Foreign_services_and_foreign_destinations_are_left_alone()
    {
        var foreign = new DesiredService(Tcp("10.0.0.1", 443, "rr"), [Masq("10.0.0.7", 443)]);
        var withForeignDest = Web with { Destinations = [.. Web.Destinations, Masq("10.0.0.8", 80, 4)] };
        // nothing desired, nothing owned: nothing at all
        Assert.Empty(IpvsPlan.Create([], [foreign, withForeignDest], []).Operations);
        // the owner's service is claimed, the destination it does not want but never owned stays
        Assert.Empty(IpvsPlan.Create([Web], [foreign, withForeignDest], [Web]).Operations);
        // releasing: only the owned destinations, then the service (the kernel drops the rest with it)
        Assert.Equal(["DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80", "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80", "DEL_SERVICE TCP 10.0.0.1:80"],
            Ops(IpvsPlan.Create([], [foreign, withForeignDest], [Web])));
    }

    [Fact]
    public void An_existing_entry_equal_in_identity_is_adopted_and_its_weight_corrected()
    {
        var stale = Web with { Destinations = [Masq("10.0.0.2", 80, 9), Masq("10.0.0.3", 80)] };
        var plan = IpvsPlan.Create([Web], [stale], []);
        Assert.Equal(["SET_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 3"], Ops(plan));
        Assert.Equal([Web], plan.Owned);
    }

    [Fact]
    public void An_owned_entry_missing_from_the_kernel_is_made_again_and_a_missing_one_to_delete_is_skipped()
    {
        Assert.Equal(["NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 1"],
            Ops(IpvsPlan.Create([Web], [Web with { Destinations = [Web.Destinations[0]] }], [Web])));
        Assert.Empty(IpvsPlan.Create([], [], [Web]).Operations);
    }

    [Fact]
    public void Duplicates_in_the_desired_list_count_once()
    {
        var twice = Web with { Destinations = [.. Web.Destinations, Masq("10.0.0.2", 80, 7)] };
        var plan = IpvsPlan.Create([twice, Web with { Service = Web.Service with { Scheduler = "rr" } }], [], []);
        Assert.Equal(3, plan.Operations.Count);
        Assert.Equal("wrr", Assert.Single(plan.Owned).Service.Scheduler);
    }

    // ---- the property: plans applied by the fake kernel (the kernel's rules) ----

    private static readonly IpvsService[] Services =
    [
        Tcp("10.0.0.1", 80), Tcp("10.0.0.1", 81), Tcp("2001:db8::1", 80),
        IpvsService.ForAddress(IpvsProtocol.Udp, IPAddress.Parse("10.0.0.1"), 53, "rr"),
        IpvsService.ForFwMark(AddressFamily.InterNetwork, 7, "rr"),
    ];

    private static readonly string[] Addresses = ["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"];

    private static DesiredService RandomService(Random random, IpvsService identity)
    {
        var service = identity with
        {
            Scheduler = random.Next(2) == 0 ? "rr" : "wrr",
            Flags = random.Next(3) == 0 ? ServiceFlags.Persistent : ServiceFlags.None,
        };
        var dests = Addresses.Where(_ => random.Next(2) == 0)
            .Select(a => identity.Family == AddressFamily.InterNetworkV6 ? "2001:db8::" + a.Split('.')[3] : a)
            .Select(a => new IpvsDestination(IPAddress.Parse(a), 80, (IpvsForwardingMethod)(random.Next(2) * 3), random.Next(3)))
            .OrderBy(_ => random.Next()).ToList();
        return new DesiredService(service, dests);
    }

    internal static List<DesiredService> RandomTable(Random random) =>
        Services.Where(_ => random.Next(2) == 0).Select(s => RandomService(random, s)).ToList();

    /// <summary>Some of the kernel's entries (and some gone from it) as the owner's.</summary>
    internal static List<DesiredService> RandomOwned(Random random, List<DesiredService> kernel) =>
        kernel.Concat(RandomTable(random)).DistinctBy(s => IpvsServiceKey.Of(s.Service)).Where(_ => random.Next(2) == 0)
            .Select(s => s with { Destinations = s.Destinations.Where(_ => random.Next(3) > 0).ToList() }).ToList();

    private static DesiredService? Find(IEnumerable<DesiredService> table, IpvsService service) =>
        table.FirstOrDefault(s => IpvsServiceKey.Of(s.Service) == IpvsServiceKey.Of(service));

    [Fact]
    public void Applied_plans_reach_the_desired_table_touch_nothing_foreign_and_are_minimal()
    {
        Prop.ForAll<int>(seed =>
        {
            var random = new Random(seed);
            var kernel = RandomTable(random);
            var owned = RandomOwned(random, kernel);
            var desired = RandomTable(random);
            var plan = IpvsPlan.Create(desired, kernel, owned);
            var after = kernel.ToList();
            // every operation is one the kernel accepts: no EEXIST, ESRCH or ENOENT from a stale view
            if (plan.Operations.Any(o => FakeIpvsKernel.Change(after, o) != Errno.None)) return false;

            foreach (var d in desired)
            {
                var k = Find(after, d.Service);
                if (k is null || !IpvsPlan.SameSettings(k.Service, d.Service)) return false;
                foreach (var dest in d.Destinations)
                    if (k.Destinations.Where(x => IpvsDestinationKey.Of(x) == IpvsDestinationKey.Of(dest)).Select(x => (IpvsDestination?)x).FirstOrDefault() is not { } got ||
                        !IpvsPlan.SameSettings(got, dest))
                        return false;
                // destinations not desired survive exactly when the owner does not own them
                var was = Find(kernel, d.Service)?.Destinations ?? [];
                var mine = Find(owned, d.Service)?.Destinations.Select(x => IpvsDestinationKey.Of(x)).ToHashSet() ?? [];
                var wanted = d.Destinations.Select(x => IpvsDestinationKey.Of(x)).ToHashSet();
                foreach (var old in was.Where(x => !wanted.Contains(IpvsDestinationKey.Of(x))))
                    if (k.Destinations.Contains(old) == mine.Contains(IpvsDestinationKey.Of(old)))
                        return false;
            }
            foreach (var k in kernel.Where(k => Find(desired, k.Service) is null))
            {
                var ownedService = Find(owned, k.Service) is not null;
                var now = Find(after, k.Service);
                // owned and not desired: gone; neither owned nor desired: exactly as it was
                if (ownedService ? now is not null : now is null || !now.Destinations.SequenceEqual(k.Destinations) || now.Service != k.Service)
                    return false;
            }
            // once applied, the same desired state needs nothing more
            return IpvsPlan.Create(desired, after, plan.Owned).Operations.Count == 0 &&
                IpvsPlan.Create(desired, desired, desired).Operations.Count == 0;
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500));
    }
}
