using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vmac;

namespace Keepalived.Tests.Kernel.Netlink;

public class LinkMessageTests
{
    /// <summary>
    /// strace -e trace=sendmsg -e write=3 of <c>ip link add link eth0 name vrrp.51 address
    /// 00:00:5e:00:01:33 type macvlan mode private</c> in a namespace (eth0 = ifindex 3,
    /// iproute2 6.1, sequence 0x6b027064).
    /// </summary>
    private const string IpLinkAddStrace =
        "5c000000 10000506 6470026b 00000000" +
        "00000000 00000000 00000000 00000000" +
        "0a000100 00005e00 01330000 08000500" +
        "03000000 0c000300 76727270 2e353100" +
        "1c001200 0b000100 6d616376 6c616e00" +
        "0c000200 08000100 01000000";

    private delegate void Write(ref NetlinkWriter writer);

    private static string Build(Write write)
    {
        var buffer = new byte[256];
        var writer = new NetlinkWriter(buffer);
        write(ref writer);
        return Convert.ToHexString(writer.Written);
    }

    private static string Hex(string text) => text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    [Fact]
    public void Create_macvlan_is_ip_link_add_type_macvlan_mode_private_byte_for_byte()
    {
        var mac = VirtualMac.For(51, System.Net.Sockets.AddressFamily.InterNetwork);

        var message = Build((ref NetlinkWriter w) => LinkMessage.WriteCreateMacvlan(ref w, "vrrp.51", 3, mac, 0x6b027064));

        Assert.Equal(Hex(IpLinkAddStrace), message);
    }

    [Fact]
    public void Update_keeps_the_index_and_sends_linkinfo_then_address_without_create()
    {
        var mac = VirtualMac.For(51, System.Net.Sockets.AddressFamily.InterNetwork);

        var message = Build((ref NetlinkWriter w) => LinkMessage.WriteUpdateMacvlan(ref w, 7, mac, 1));

        // nlmsghdr: 72 bytes, RTM_NEWLINK, REQUEST|ACK only; ifinfomsg index 7
        Assert.Equal(Hex("48000000 10000500 01000000 00000000" + "00000000 07000000 00000000 00000000" +
            "1c001200 0b000100 6d616376 6c616e00 0c000200 08000100 01000000" + "0a000100 00005e00 01330000"), message);
    }

    [Fact]
    public void Delete_is_rtm_dellink_for_the_index()
    {
        var message = Build((ref NetlinkWriter w) => LinkMessage.WriteDelete(ref w, 9, 2));

        Assert.Equal(Hex("20000000 11000500 02000000 00000000" + "02000000 09000000 00000000 00000000"), message);
    }

    [Fact]
    public void Set_up_changes_only_iff_up()
    {
        var message = Build((ref NetlinkWriter w) => LinkMessage.WriteSetUp(ref w, 9, 3));

        Assert.Equal(Hex("20000000 10000500 03000000 00000000" + "00000000 09000000 01000000 01000000"), message);
    }

    [Fact]
    public void Addr_gen_mode_none_is_af_spec_inet6_addr_gen_mode_1()
    {
        var message = Build((ref NetlinkWriter w) => LinkMessage.WriteAddrGenModeNone(ref w, 9, 4));

        // IFLA_AF_SPEC (26) { AF_INET6 (10) { IFLA_INET6_ADDR_GEN_MODE (8): u8 1 } }
        Assert.Equal(Hex("30000000 10000500 04000000 00000000" + "00000000 09000000 00000000 00000000" +
            "10001a00 0c000a00 05000800 01000000"), message);
    }

    [Fact]
    public void Ipv4_conf_nests_one_u32_per_devconf_id()
    {
        (Ipv4DevConf, uint)[] settings = [(Ipv4DevConf.ArpIgnore, 1), (Ipv4DevConf.ArpFilter, 1)];

        var message = Build((ref NetlinkWriter w) => LinkMessage.WriteIpv4Conf(ref w, 3, settings, 5));

        // IFLA_AF_SPEC { AF_INET (2) { IFLA_INET_CONF (1) { 19: 1, 13: 1 } } }
        Assert.Equal(Hex("3c000000 10000500 05000000 00000000" + "00000000 03000000 00000000 00000000" +
            "1c001a00 18000200 14000100 08001300 01000000 08000d00 01000000"), message);
    }

    [Fact]
    public void A_macvlan_link_reads_back_with_its_parent_kind_and_mode()
    {
        var buffer = new byte[256];
        var writer = new NetlinkWriter(buffer);
        LinkMessage.WriteCreateMacvlan(ref writer, "vrrp.51", 3, VirtualMac.For(51, System.Net.Sockets.AddressFamily.InterNetwork), 1);
        var reader = new NetlinkMessageReader(writer.Written);
        Assert.True(reader.TryRead(out var message));

        var link = NetlinkLink.Parse(message);

        Assert.NotNull(link);
        Assert.Equal("vrrp.51", link.Name);
        Assert.Equal(3, link.LinkIndex);
        Assert.Equal("macvlan", link.Kind);
        Assert.Equal(MacvlanMode.Private, link.MacvlanMode);
        Assert.Equal("00005E000133", link.Mac.ToString());
    }
}
