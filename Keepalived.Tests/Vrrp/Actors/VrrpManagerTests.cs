using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Nftables;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// VrrpManagerActor with probes behind its leaves (<see cref="VrrpLeafProps"/>): interface
/// look-ups, one socket per interface and family, instances started once the interfaces are
/// known, and the shutdown handshake (instances first, then every leaf flushed).
/// </summary>
public sealed class VrrpManagerTests : ActorTest
{
    private readonly ManagerRig _rig;
    private readonly TestProbe _netlink, _garp, _notify, _socket, _links, _nftables;

    private const string TwoInterfaces = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            virtual_ipaddress { 10.199.0.100/24 }
        }
        vrrp_instance VI_2 {
            interface eth0
            virtual_router_id 52
            priority 50
            virtual_ipaddress { 10.199.0.101/24 }
        }
        vrrp_instance VI_6 {
            interface eth1
            virtual_router_id 53
            virtual_ipaddress { fd00:199::100/64 }
        }
        """;

    private const string OneInstance = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            virtual_ipaddress { 10.199.0.100/24 }
        }
        """;

    private const string NoAccept = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            no_accept
            virtual_ipaddress { 10.199.0.100/24 }
        }
        """;

    public VrrpManagerTests(ITestOutputHelper output) : base(output, virtualTime: true)
    {
        var rig = new ManagerRig(this);
        (_rig, _netlink, _garp, _notify, _socket, _links, _nftables) = (rig, rig.Netlink, rig.Garp, rig.Notify, rig.Socket, rig.Links, rig.Nftables);
    }

    private IActorRef StartManager(string conf) => _rig.Start(conf);

    private static NetlinkActor.InterfaceInfo Interface(string name, int index, params string[] addresses) =>
        new(name, index, [0x02, 0, 0, 0, 0, (byte)index], true, [.. addresses.Select(IPAddress.Parse)]);

    private List<VrrpInstanceActor.Status> Instances(IActorRef manager) => _rig.Instances(manager);

    [Fact]
    public void Instances_start_once_their_interfaces_are_known_with_one_socket_per_interface_and_family()
    {
        var manager = StartManager(TwoInterfaces);
        Assert.Equal(["eth0", "eth1"], _netlink.ExpectMsg<NetlinkActor.GetInterfaces>().Names);
        _netlink.Reply(Interface("eth1", 3, "fe80::2", "fd00:199::2"));
        // nothing runs until every interface has been looked up
        Assert.Empty(Instances(manager));

        _netlink.Send(manager, Interface("eth0", 2, "10.199.0.1", "fe80::1"));

        var instances = Instances(manager);
        Assert.Equal(["VI_1", "VI_2", "VI_6"], instances.Select(i => i.Name).Order());
        Assert.All(instances, i => Assert.Equal(VrrpState.Backup, i.State));
        var registered = Enumerable.Range(0, 3).Select(_ => _socket.ExpectMsg<VrrpSocketActor.Register>().Vrid).Order();
        Assert.Equal([(byte)51, (byte)52, (byte)53], registered);

        var sockets = _rig.SocketsMade.OrderBy(o => o.Interface).ToList();
        Assert.Equal(2, sockets.Count);
        Assert.Equal(("eth0", AddressFamily.InterNetwork, false, IPAddress.Parse("224.0.0.18")),
            (sockets[0].Interface, sockets[0].Family, sockets[0].Unicast, sockets[0].MulticastGroup));
        Assert.Equal(("eth1", AddressFamily.InterNetworkV6, false, IPAddress.Parse("ff02::12")),
            (sockets[1].Interface, sockets[1].Family, sockets[1].Unicast, sockets[1].MulticastGroup));
        // every instance accepts: no nftables socket, as keepalived opens none
        Assert.Equal(0, _rig.NftablesMade);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void With_more_than_128_instances_new_masters_send_their_second_advert_at_their_place(bool spread)
    {
        // 129 owners: all masters at once, at virtual time 0
        var conf = string.Concat(Enumerable.Range(1, 129).Select(v => $$"""
            vrrp_instance VI_{{v}} {
                interface eth0
                virtual_router_id {{v}}
                priority 255
                virtual_ipaddress { 10.199.{{v / 100 + 1}}.{{v % 100 + 1}}/32 }
            }

            """));
        var manager = _rig.Start(conf, spread);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        _netlink.Reply(Interface("eth0", 2, "10.199.0.1"));
        Assert.Equal(129, Instances(manager).Count(i => i.State == VrrpState.Master));
        Assert.Equal(Enumerable.Range(1, 129), Enumerable.Range(0, 129).Select(_ => NextAdvertVrid()).Order());

        // by 0.5 s the instances whose place lies in the first half of the interval have advertised again
        // (the clock starts at 0; a place at 0 is one whole interval away)
        Advance(TimeSpan.FromMilliseconds(500));
        var expected = spread
            ? Enumerable.Range(0, 129).Where(k => AdvertSlot.For(AdvertSlot.PlaceOf(k, 129)!.Value, TimeSpan.FromSeconds(1)) is var slot
                && slot > TimeSpan.Zero && slot <= TimeSpan.FromMilliseconds(500)).Select(k => k + 1).ToList()
            : [];
        Assert.InRange(expected.Count, spread ? 60 : 0, spread ? 68 : 0);
        Assert.Equal(expected, Enumerable.Range(0, expected.Count).Select(_ => NextAdvertVrid()).Order());
        _socket.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    private int NextAdvertVrid() => _socket.FishForMessage<VrrpSocketActor.Send>(_ => true).Message[1];

    [Fact]
    public void The_interface_mtu_reaches_the_instance_for_vrrp_rx_bufs_policy_mtu()
    {
        var manager = StartManager("global_defs {\n vrrp_rx_bufs_policy MTU\n vrrp_rx_bufs_multiplier 2\n}\n" + OneInstance);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        _netlink.Reply(Interface("eth0", 2, "10.199.0.1") with { Mtu = 9000 });
        Assert.Equal(18_000, _socket.ExpectMsg<VrrpSocketActor.Register>().ReceiveBuffer);
        Assert.Single(Instances(manager));
    }

    [Fact]
    public void A_no_accept_instance_gets_the_nftables_leaf_which_blocks_its_addresses_and_is_flushed_at_shutdown()
    {
        var manager = StartManager(NoAccept);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        _netlink.Reply(Interface("eth0", 2, "10.199.0.1"));
        _netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        _netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        Instances(manager);
        Assert.Equal(1, _rig.NftablesMade);

        Advance(InstanceRig.MasterDown);
        var block = _nftables.ExpectMsg<NftablesActor.AddAddresses>();
        Assert.Equal(("eth0", IPAddress.Parse("10.199.0.100")), (block.Interface, block.Addresses.Single().Address));
        _nftables.Reply(new NftablesActor.FirewallChanged(true, []));
        _netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        _netlink.Reply(new NetlinkActor.AddressesChanged(true, []));

        manager.Tell(VrrpManagerActor.Shutdown.Instance, TestActor);
        _netlink.FishForMessage<NetlinkActor.RemoveAddresses>(_ => true);
        _nftables.ExpectMsg<NftablesActor.RemoveAddresses>();
        _netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        foreach (var leaf in new[] { _socket, _netlink, _garp, _links, _notify, _nftables })
        {
            leaf.FishForMessage<Flush>(_ => true);
            leaf.Reply(Flushed.Instance);
        }
        ExpectMsg<VrrpManagerActor.Stopped>();
    }

    [Fact]
    public void A_missing_interface_is_logged_and_its_instances_do_not_run()
    {
        var manager = StartManager(OneInstance);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();

        EventFilter.Error(contains: "not found: its VRRP instances do not run").ExpectOne(() => _netlink.Reply(new NetlinkActor.InterfaceNotFound("eth0")));

        Assert.Empty(Instances(manager));
        Assert.Empty(_rig.SocketsMade);
    }

    [Fact]
    public void An_interface_without_an_address_of_the_family_starts_no_instance()
    {
        var manager = StartManager(OneInstance);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();

        EventFilter.Error(contains: "address to send adverts from: instance not started").ExpectOne(() => _netlink.Reply(Interface("eth0", 2, "fe80::1")));

        Assert.Empty(Instances(manager));
    }

    [Fact]
    public void Shutdown_waits_for_a_masters_goodbye_then_flushes_every_leaf_before_answering()
    {
        var manager = StartManager(OneInstance);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        _netlink.Reply(Interface("eth0", 2, "10.199.0.1"));
        _netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        _netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        Instances(manager);
        Advance(InstanceRig.MasterDown);
        _netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        _netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        Assert.Equal(VrrpState.Master, Instances(manager).Single().State);

        manager.Tell(VrrpManagerActor.Shutdown.Instance, TestActor);

        Assert.Equal(0, SentAdvert.Decode(_socket.FishForMessage<VrrpSocketActor.Send>(s => s.Message[2] == 0)).Priority);
        _netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        var instance = _netlink.LastSender;
        // the leaves are flushed only once the instance has its addresses back
        _netlink.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        instance.Tell(new NetlinkActor.AddressesChanged(false, []), _netlink.Ref);

        var leaves = new[] { _socket, _netlink, _garp, _links, _notify };
        foreach (var leaf in leaves.SkipLast(1))
        {
            leaf.FishForMessage<Flush>(_ => true);
            leaf.Reply(Flushed.Instance);
        }
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        _notify.FishForMessage<Flush>(_ => true);
        _notify.Reply(Flushed.Instance);
        ExpectMsg<VrrpManagerActor.Stopped>();
    }

    [Fact]
    public void Shutdown_before_the_interfaces_are_known_flushes_the_leaves_and_starts_nothing()
    {
        var manager = StartManager(OneInstance);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();

        manager.Tell(VrrpManagerActor.Shutdown.Instance, TestActor);
        _netlink.ExpectMsg<Flush>();
        // the late answer to the look-up must not start an instance
        _netlink.Send(manager, Interface("eth0", 2, "10.199.0.1"));
        _netlink.Send(manager, Flushed.Instance);
        foreach (var leaf in new[] { _garp, _notify, _links })
        {
            leaf.ExpectMsg<Flush>();
            leaf.Reply(Flushed.Instance);
        }
        ExpectMsg<VrrpManagerActor.Stopped>();
        Assert.Empty(Instances(manager));
        _socket.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }
}
