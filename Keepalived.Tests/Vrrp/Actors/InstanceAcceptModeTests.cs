using System.Net;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Nftables;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// RFC 5798 Accept_Mode False (no_accept, or vrrp_strict without accept): an instance that is not
/// the address owner has its addresses blocked in nftables while it holds them, the drop rules
/// set before the addresses are added and removed after they are gone (keepalived's
/// vrrp_state_become_master / vrrp_restore_interface order).
/// </summary>
public sealed class InstanceAcceptModeTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private static readonly IPAddress Excluded = IPAddress.Parse("10.199.0.200");

    private static VrrpInstance NoAccept(int priority = 100) => InstanceRig.NewConfig(priority, v =>
    {
        v.Accept = false;
        v.ExcludedVirtualAddresses.Add(new VirtualIpAddress { Address = Excluded, PrefixLength = 32 });
    });

    /// <summary>A no_accept instance through its takeover: addresses blocked, then added.</summary>
    private InstanceRig StartAsMaster()
    {
        var rig = new InstanceRig(this, NoAccept()).StartAsBackup();
        rig.Advance(InstanceRig.MasterDown);
        rig.Nftables.ExpectMsg<NftablesActor.AddAddresses>();
        rig.Nftables.Reply(new NftablesActor.FirewallChanged(true, []));
        rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        return rig;
    }

    [Fact]
    public void Takeover_blocks_the_addresses_before_netlink_adds_them()
    {
        var rig = new InstanceRig(this, NoAccept()).StartAsBackup();

        rig.Advance(InstanceRig.MasterDown);

        var block = rig.Nftables.ExpectMsg<NftablesActor.AddAddresses>();
        Assert.Equal([InstanceRig.Vip, Excluded], block.Addresses.Select(a => a.Address));
        Assert.Equal("veth-ka0", block.Interface);
        Assert.Equal(rig.Instance, rig.Nftables.LastSender);
        // netlink waits for nftables' answer
        rig.Netlink.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Nftables.Reply(new NftablesActor.FirewallChanged(true, []));
        rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        // and the GARP waits for the addresses
        rig.Garp.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        rig.Garp.ExpectMsg<GarpActor.SendGratuitous>();
    }

    [Fact]
    public void Leaving_master_removes_the_addresses_then_the_drop_rules()
    {
        var rig = StartAsMaster();

        Assert.Equal(VrrpState.Backup, rig.Receive(PeerAdvert.V2(150)).State);

        rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        var unblock = rig.Nftables.ExpectMsg<NftablesActor.RemoveAddresses>();
        Assert.Equal([InstanceRig.Vip, Excluded], unblock.Addresses.Select(a => a.Address));
    }

    [Fact]
    public void A_takeover_undone_before_nftables_answered_never_adds_the_addresses()
    {
        var rig = new InstanceRig(this, NoAccept()).StartAsBackup();
        rig.Advance(InstanceRig.MasterDown);
        rig.Nftables.ExpectMsg<NftablesActor.AddAddresses>();
        var nftables = rig.Nftables.LastSender;

        rig.Receive(PeerAdvert.V2(150));
        rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        rig.Nftables.ExpectMsg<NftablesActor.RemoveAddresses>();
        // the late answer to the add is skipped
        rig.Instance.Tell(new NftablesActor.FirewallChanged(true, []), rig.Nftables.Ref);
        rig.Instance.Tell(new NftablesActor.FirewallChanged(false, []), rig.Nftables.Ref);
        rig.Sync();
        Assert.Equal(rig.Instance, nftables);
        rig.Netlink.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Shutdown_of_a_master_unblocks_its_addresses()
    {
        var rig = StartAsMaster();

        rig.Instance.Tell(VrrpInstanceActor.Shutdown.Instance, TestActor);

        rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        rig.Nftables.ExpectMsg<NftablesActor.RemoveAddresses>();
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        ExpectMsg<VrrpInstanceActor.ShutdownComplete>();
    }

    [Theory]
    [InlineData(true, 100)]   // accept
    [InlineData(false, 255)]  // the address owner always accepts
    [InlineData(null, 100)]   // not completed by the parser: keepalived's default without vrrp_strict
    public void Accept_mode_or_the_owner_leaves_nftables_alone(bool? accept, int priority)
    {
        var rig = new InstanceRig(this, InstanceRig.NewConfig(priority, v => v.Accept = accept));
        rig.Start();
        rig.Sync();
        if (priority != 255) rig.Advance(InstanceRig.MasterDown);

        rig.Netlink.FishForMessage(m => m is NetlinkActor.AddAddresses, TimeSpan.FromSeconds(3));
        rig.Nftables.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Strict_mode_without_accept_is_completed_to_no_accept()
    {
        // the parser completes vrrp_strict into Accept = false (keepalived's vrrp_complete_instance)
        var loaded = Keepalived.Tests.Config.ConfigText.Load("""
            global_defs { vrrp_strict }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 100
                virtual_ipaddress { 10.199.0.100/24 }
            }
            """, new Keepalived.Tests.Config.FakeHost("eth0"));
        var vrrp = Assert.Single(loaded.Config.Vrrp.Instances);
        Assert.False(vrrp.Accept);
        Assert.True(VrrpInstanceEnvironment.NeedsFirewall(vrrp));
    }
}
