using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Vrrp;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// use_vmac in VrrpManagerActor, with probes behind the leaves: netlink sets the VMAC up before
/// the instance starts, the instance's addresses, GARPs and socket go on it (the socket stays on
/// the base with vmac_xmit_base), and the VMAC is deleted at shutdown after the sockets' last adverts.
/// </summary>
public sealed class VrrpManagerVmacTests : ActorTest
{
    private readonly ManagerRig _rig;
    private readonly TestProbe _netlink, _garp, _notify, _socket, _links;

    public VrrpManagerVmacTests(ITestOutputHelper output) : base(output, virtualTime: true)
    {
        var rig = new ManagerRig(this);
        (_rig, _netlink, _garp, _notify, _socket, _links) = (rig, rig.Netlink, rig.Garp, rig.Notify, rig.Socket, rig.Links);
    }

    private static string Conf(string options, string address = "10.199.0.100/24", string other = "10.199.1.100/24") => $$"""
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            {{options}}
            virtual_ipaddress {
                {{address}}
                {{other}} dev eth1
            }
        }
        """;

    private IActorRef StartManager(string conf) => _rig.Start(conf);

    private List<VrrpInstanceActor.Status> Instances(IActorRef manager) => _rig.Instances(manager);

    /// <summary>Starts the manager, answers the look-up of eth0 and returns the VMAC request.</summary>
    private (IActorRef Manager, NetlinkActor.AddVmac Request) AskedForVmac(string conf, params string[] addresses)
    {
        var manager = StartManager(conf);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        _netlink.Reply(new NetlinkActor.InterfaceInfo("eth0", 2, [0x52, 0x54, 0, 0, 0, 1], true,
            [.. (addresses.Length == 0 ? ["10.199.0.1"] : addresses).Select(IPAddress.Parse)]));
        return (manager, _netlink.ExpectMsg<NetlinkActor.AddVmac>());
    }

    [Fact]
    public void The_vmac_is_set_up_before_the_instance_which_then_puts_its_addresses_garps_and_socket_on_it()
    {
        var (manager, add) = AskedForVmac(Conf("use_vmac"));
        Assert.Equal(("VI_1", 51, AddressFamily.InterNetwork, "eth0", null, null),
            (add.Request.Instance, add.Request.VirtualRouterId, add.Request.Family, add.Request.BaseInterface, add.Request.Name, add.Request.LinkLocal));
        Assert.Empty(Instances(manager));

        _netlink.Reply(new NetlinkActor.VmacReady("VI_1", "vrrp.51", 5, false));

        Assert.Single(Instances(manager));
        Assert.Equal("vrrp.51", Assert.Single(_rig.SocketsMade).Interface);
        // the stale-address removal already targets the VMAC; an address with another dev stays there
        var removal = _netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        Assert.Equal(["vrrp.51", "eth1"], removal.Addresses.Select(a => a.Device));
        Assert.Equal(["vrrp.51", "eth1"], new[] { _garp.ExpectMsg<GarpActor.Prepare>(), _garp.ExpectMsg<GarpActor.Prepare>() }.Select(p => p.Interface));
        // the base's link still drives FAULT
        Assert.Equal("eth0", _links.ExpectMsg<LinkWatcherActor.Watch>().Interface);
    }

    [Fact]
    public void With_vmac_xmit_base_the_socket_stays_on_the_base_and_the_addresses_on_the_vmac()
    {
        var (manager, _) = AskedForVmac(Conf("use_vmac vmac51\n vmac_xmit_base"));
        _netlink.Reply(new NetlinkActor.VmacReady("VI_1", "vmac51", 5, false));

        Assert.Single(Instances(manager));
        Assert.Equal("eth0", Assert.Single(_rig.SocketsMade).Interface);
        Assert.Equal("vmac51", _netlink.ExpectMsg<NetlinkActor.RemoveAddresses>().Addresses[0].Device);
    }

    [Fact]
    public void Ipv6_asks_for_the_bases_link_local_address_on_the_vmac_unless_xmit_base()
    {
        var (_, add) = AskedForVmac(Conf("use_vmac", "fd00:199::100/64", "fd00:199:1::100/64"), "fd00:199::1", "fe80::5054:ff:fe00:1");
        Assert.Equal((AddressFamily.InterNetworkV6, IPAddress.Parse("fe80::5054:ff:fe00:1")), (add.Request.Family, add.Request.LinkLocal));
        Assert.Equal("00005E000233", Convert.ToHexString(add.Request.EffectiveMac));
    }

    [Fact]
    public void A_vmac_that_cannot_be_set_up_puts_its_instance_in_fault_on_the_base_interface()
    {
        var (manager, _) = AskedForVmac(Conf("use_vmac"));

        EventFilter.Error(contains: "VMAC could not be set up").ExpectOne(() => _netlink.Reply(new NetlinkActor.VmacFailed("VI_1", "EPERM")));

        var instance = Assert.Single(Instances(manager));
        Assert.Equal(VrrpState.Fault, instance.State);
        // it listens on the base; in FAULT it sends nothing, even after a master-down interval
        Assert.Equal("eth0", Assert.Single(_rig.SocketsMade).Interface);
        _socket.ExpectMsg<VrrpSocketActor.Register>();
        Advance(TimeSpan.FromSeconds(5));
        _socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(VrrpState.Fault, Assert.Single(Instances(manager)).State);
    }

    [Fact]
    public void A_failed_vmac_holds_its_sync_group_in_fault()
    {
        var manager = StartManager("""
            vrrp_sync_group SG1 { group { VI_1 VI_2 } }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                use_vmac
                priority 200
                virtual_ipaddress { 10.199.0.100/24 }
            }
            vrrp_instance VI_2 {
                interface eth0
                virtual_router_id 52
                priority 200
                virtual_ipaddress { 10.199.0.101/24 }
            }
            """);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        _netlink.Reply(new NetlinkActor.InterfaceInfo("eth0", 2, [0x52, 0x54, 0, 0, 0, 1], true, [IPAddress.Parse("10.199.0.1")]));
        _netlink.ExpectMsg<NetlinkActor.AddVmac>();
        EventFilter.Error(contains: "VMAC could not be set up").ExpectOne(() => _netlink.Reply(new NetlinkActor.VmacFailed("VI_1", "EEXIST")));

        // VI_2 alone would take over after its down timer; with VI_1 faulted the group holds both in FAULT
        // the group's SyncTo reaches VI_2 through the group actor, so it is awaited
        AwaitAssert(() => Assert.All(Instances(manager), i => Assert.Equal(VrrpState.Fault, i.State)));
        Advance(TimeSpan.FromSeconds(5));
        var states = Instances(manager);
        Assert.Equal(2, states.Count);
        Assert.All(states, i => Assert.Equal(VrrpState.Fault, i.State));
    }

    [Fact]
    public void Shutdown_deletes_the_vmac_once_the_sockets_are_flushed_then_flushes_netlink()
    {
        var (manager, _) = AskedForVmac(Conf("use_vmac"));
        _netlink.Reply(new NetlinkActor.VmacReady("VI_1", "vrrp.51", 5, false));
        _netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        _netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        Instances(manager);

        manager.Tell(VrrpManagerActor.Shutdown.Instance, TestActor);

        _socket.FishForMessage<Flush>(_ => true);
        // nothing is deleted while an advert may still be on its way out through the VMAC
        _netlink.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        _socket.Reply(Flushed.Instance);
        Assert.Equal("vrrp.51", _netlink.ExpectMsg<NetlinkActor.DeleteVmac>().Name);
        _netlink.ExpectMsg<Flush>();
        foreach (var leaf in new[] { _netlink, _garp, _notify, _links })
        {
            if (leaf != _netlink) leaf.FishForMessage<Flush>(_ => true);
            leaf.Reply(Flushed.Instance);
        }
        ExpectMsg<VrrpManagerActor.Stopped>();
    }
}
