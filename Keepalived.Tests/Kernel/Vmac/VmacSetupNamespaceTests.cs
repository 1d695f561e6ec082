using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vmac;
using Keepalived.Tests.Kernel.Netlink;

namespace Keepalived.Tests.Kernel.Vmac;

/// <summary>
/// VmacSetup against the kernel, inside a namespace each test creates and deletes (veth pair
/// ve0/ve1, the VMACs on ve0). Everything runs on a thread inside the namespace, so the /proc/sys
/// settings read and written are the namespace's.
/// </summary>
public class VmacSetupNamespaceTests
{
    private static VmacRequest Request(AddressFamily family = AddressFamily.InterNetwork, IPAddress? linkLocal = null) => new()
    {
        Instance = "VI_1", VirtualRouterId = 51, Family = family, BaseInterface = "ve0", LinkLocal = linkLocal,
    };

    private static string Sysctl(string family, string name, string parameter) =>
        File.ReadAllText($"/proc/sys/net/{family}/conf/{name}/{parameter}").Trim();

    [RootFact(Tool = "ip")]
    public void An_ipv4_vmac_is_a_private_macvlan_with_keepalived_sysctls_and_goes_with_its_base_settings()
    {
        using var ns = NetlinkNamespace.Create();
        ns.Ip("link set ve0 up");
        ns.Enter(() =>
        {
            using var netlink = new RtNetlink();
            var setup = new VmacSetup(netlink);
            var log = new List<string>();

            var vmac = setup.Add(Request(), log);

            Assert.Equal(("vrrp.51", false), (vmac.Name, vmac.Reused));
            var link = ns.Ip("-d link show vrrp.51");
            Assert.Contains("vrrp.51@ve0", link);
            Assert.Contains("link/ether 00:00:5e:00:01:33", link);
            Assert.Contains("macvlan mode private", link);
            Assert.Contains(",UP", link);
            Assert.Equal(["1", "1", "0", "1"], new[] { "arp_ignore", "accept_local", "rp_filter", "promote_secondaries" }.Select(p => Sysctl("ipv4", "vrrp.51", p)));
            Assert.Equal("1", Sysctl("ipv6", "vrrp.51", "disable_ipv6"));
            Assert.Equal(["1", "1"], new[] { "arp_ignore", "arp_filter" }.Select(p => Sysctl("ipv4", "ve0", p)));

            setup.Delete("vrrp.51", log);

            Assert.DoesNotContain("vrrp.51", ns.Ip("-o link show"));
            Assert.Equal(["0", "0"], new[] { "arp_ignore", "arp_filter" }.Select(p => Sysctl("ipv4", "ve0", p)));
            return 0;
        });
    }

    [RootFact(Tool = "ip")]
    public void A_left_over_vmac_is_reused_and_still_deleted_at_the_end()
    {
        using var ns = NetlinkNamespace.Create();
        ns.Ip("link add link ve0 name old.51 address 00:00:5e:00:01:33 type macvlan mode private");
        var index = ns.Enter(() =>
        {
            using var netlink = new RtNetlink();
            var setup = new VmacSetup(netlink);
            var log = new List<string>();

            var vmac = setup.Add(Request(), log);

            Assert.Equal(("old.51", true), (vmac.Name, vmac.Reused));
            Assert.Contains(log, l => l.Contains("Found matching interface old.51", StringComparison.Ordinal));
            Assert.Contains(",UP", ns.Ip("link show old.51"));
            setup.Delete("old.51", log);
            return vmac.Index;
        });
        Assert.True(index > 0);
        Assert.DoesNotContain("old.51", ns.Ip("-o link show"));
    }

    [RootFact(Tool = "ip")]
    public void An_ipv6_vmac_gets_the_advert_source_address_and_no_kernel_link_local_address()
    {
        using var ns = NetlinkNamespace.Create();
        ns.Ip("link set ve0 up");
        var source = IPAddress.Parse("fe80::199:1");
        ns.Enter(() =>
        {
            using var netlink = new RtNetlink();
            var setup = new VmacSetup(netlink);

            setup.Add(Request(AddressFamily.InterNetworkV6, source), []);

            var link = ns.Ip("-d link show vrrp.51");
            Assert.Contains("link/ether 00:00:5e:00:02:33", link);
            Assert.Contains("addrgenmode none", link);
            var addresses = ns.Ip("-6 -o addr show dev vrrp.51");
            Assert.Contains("inet6 fe80::199:1/64", addresses);
            // no EUI-64 address of the virtual MAC, which every router of the VRID would share
            Assert.DoesNotContain("fe80::200:5eff", addresses);
            setup.Delete("vrrp.51", []);
            return 0;
        });
    }
}
