using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Vmac;

namespace Keepalived.Tests.Kernel.Vmac;

public class VirtualMacTests
{
    [Theory]
    [InlineData(51, AddressFamily.InterNetwork, "00005E000133")]
    [InlineData(255, AddressFamily.InterNetwork, "00005E0001FF")]
    [InlineData(1, AddressFamily.InterNetworkV6, "00005E000201")]
    public void The_mac_is_rfc_5798s_for_the_vrid_and_family(int vrid, AddressFamily family, string mac) =>
        Assert.Equal(mac, Convert.ToHexString(VirtualMac.For(vrid, family)));

    [Fact]
    public void The_default_name_is_vrrp_dot_vrid_when_free() =>
        Assert.Equal("vrrp.51", VirtualMac.DefaultName(null, 51, AddressFamily.InterNetwork, _ => false));

    [Fact]
    public void Taken_ipv4_names_count_up_from_1()
    {
        HashSet<string> taken = ["vrrp.51", "vrrp1.51"];

        Assert.Equal("vrrp2.51", VirtualMac.DefaultName(null, 51, AddressFamily.InterNetwork, taken.Contains));
    }

    [Fact]
    public void Ipv6_tries_vrrp6_first_then_counts_up_skipping_6()
    {
        HashSet<string> taken = ["vrrp.51", "vrrp6.51", "vrrp1.51", "vrrp2.51", "vrrp3.51", "vrrp4.51", "vrrp5.51"];

        Assert.Equal("vrrp6.51", VirtualMac.DefaultName(null, 51, AddressFamily.InterNetworkV6, new HashSet<string> { "vrrp.51" }.Contains));
        Assert.Equal("vrrp7.51", VirtualMac.DefaultName(null, 51, AddressFamily.InterNetworkV6, taken.Contains));
    }

    [Fact]
    public void A_long_prefix_is_cut_to_fit_ifnamsiz()
    {
        var name = VirtualMac.DefaultName("averyverylongprefix", 255, AddressFamily.InterNetwork, _ => false);

        Assert.Equal("averyverylo.255", name);
        Assert.Equal(VirtualMac.MaxNameLength, name.Length);
    }

    [Fact]
    public void The_link_local_address_is_the_modified_eui_64_of_the_mac() =>
        Assert.Equal(IPAddress.Parse("fe80::200:5eff:fe00:233"), VirtualMac.LinkLocalFrom(VirtualMac.For(51, AddressFamily.InterNetworkV6)));
}
