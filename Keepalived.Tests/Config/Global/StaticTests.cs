using System.Net.Sockets;

namespace Keepalived.Tests.Config.Global;

public class StaticTests
{
    [Fact]
    public void Static_addresses_need_an_existing_interface()
    {
        var r = GlobalTestConfig.Load("""
            static_ipaddress {
              192.168.200.16/24 dev eth0 scope link brd +
              192.168.200.17 dev eth9
              10.0.0.1
            }
            """);
        var a = Assert.Single(r.Config.Global.StaticAddresses);
        Assert.Equal(24, a.PrefixLength);
        Assert.Equal("192.168.200.255", a.Broadcast!.ToString());
        Assert.Equal((byte)253, a.Scope);
        var lines = r.Lines();
        Assert.Contains((3, "WARNING - interface eth9 for ip address 192.168.200.17 doesn't exist"), lines);
        Assert.Contains((4, "Static address 10.0.0.1 requires either an interface or default interface must exist"), lines);
        Assert.Contains(lines, l => l.Message == "Non-existent interface specified in configuration" && l.Line == 0);
        Assert.Equal(5, r.ExitCode);
    }

    [Fact]
    public void Routes_warn_about_deprecated_forms_and_untracked_routes()
    {
        var r = GlobalTestConfig.Load("""
            static_routes {
              src 192.168.100.1 192.168.209.0/24 via 192.168.200.254 dev eth0
              192.168.113.0/24 via 192.168.100.252 or 192.168.100.253
              0.0.0.0/0 gw 192.168.0.1 table 100
              blackhole 192.168.113.1/32
              10.0.0.0/8 dev eth0 table nosuch
            }
            """);
        var lines = r.Lines();
        Assert.Contains((3, "\"or\" for routes is deprecated. Please use \"nexthop\""), lines);
        Assert.Contains((3, "Warning - cannot track route 192.168.113.0/24 with no interface specified, not tracking"), lines);
        Assert.Contains((4, "\"gw\" for routes is deprecated. Please use \"via\""), lines);
        Assert.Contains((5, "Warning - cannot track route 192.168.113.1/32 with no interface specified, not tracking"), lines);
        Assert.Contains((6, "Routing table nosuch not found for route"), lines);
        var routes = r.Config.Global.StaticRoutes;
        Assert.Equal(4, routes.Count);
        Assert.Equal("192.168.100.1", routes[0].PreferredSource!.ToString());
        Assert.Equal(2, routes[1].NextHops.Count);
        Assert.Equal(100u, routes[2].Table);
        Assert.Equal((byte)6, routes[3].Type);
    }

    [Fact]
    public void Rules_without_preference_count_down_from_16384()
    {
        var r = GlobalTestConfig.Load("""
            static_rules {
              from 192.168.100.0/24 table 1
              to 192.168.100./24 table 1
              from 10.0.0.0/8 table 2
              from 2001:db8::/32 table 3 preference 100
            }
            """);
        var lines = r.Lines();
        Assert.Contains((2, "Rule has no preference specified - setting to 16384. This is probably not what you want."), lines);
        Assert.Contains((3, "VRRP parsed invalid IP 192.168.100./24. skipping IP..."), lines);
        Assert.Contains((3, "Invalid rule to address 192.168.100./24"), lines);
        Assert.Contains((4, "Rule has no preference specified - setting to 16383. This is probably not what you want."), lines);
        var rules = r.Config.Global.StaticRules;
        Assert.Equal(3, rules.Count);
        Assert.Equal(AddressFamily.InterNetworkV6, rules[2].Family);
        Assert.Equal(100u, rules[2].Preference);
    }

    [Fact]
    public void Garp_group_without_delay_is_removed()
    {
        var r = GlobalTestConfig.Load("garp_group {\n interface eth0\n}\ngarp_group {\n garp_interval 0.5\n interfaces {\n eth1\n }\n}\n");
        var g = Assert.Single(r.Config.Global.GarpGroups);
        Assert.Equal(TimeSpan.FromMilliseconds(500), g.GarpInterval);
        Assert.Equal(["eth1"], g.Interfaces);
        Assert.Contains(r.Lines(), l => l.Message == "garp group 0 does not have any delay set - removing");
    }
}
