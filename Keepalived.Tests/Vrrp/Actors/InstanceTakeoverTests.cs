using System.Net;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// VrrpInstanceActor from start to MASTER on virtual time, with probes as its leaves: what it
/// tells each of them, in which order, and when (RFC 3768 §6.4.1-6.4.3, keepalived's
/// vrrp_state_goto_master order).
/// </summary>
public sealed class InstanceTakeoverTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    [Fact]
    public void Start_registers_removes_stale_addresses_and_enters_backup()
    {
        var rig = new InstanceRig(this);
        rig.Start();

        var register = rig.Socket.ExpectMsg<VrrpSocketActor.Register>();
        Assert.Equal(InstanceRig.Vrid, register.Vrid);
        Assert.Equal(rig.Instance, register.Instance);

        var stale = rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        Assert.Equal("veth-ka0", stale.Interface);
        Assert.Equal([InstanceRig.Vip], stale.Addresses.Select(a => a.Address));
        Assert.Equal(rig.Instance, rig.Netlink.LastSender);

        var changed = rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>();
        Assert.Equal(new VrrpInstanceActor.StateChanged("VI_1", VrrpState.Init, VrrpState.Backup, VrrpTransitionReason.Startup, 100), changed);

        var notify = rig.Notify.ExpectMsg<NotifyActor.StateNotify>();
        Assert.Equal(("VI_1", "BACKUP", 100, false), (notify.Name, notify.State, notify.Priority, notify.Group));
        Assert.Same(rig.Config.Notify, notify.Scripts);

        var status = rig.Sync();
        Assert.Equal(VrrpState.Backup, status.State);
        Assert.Equal(InstanceRig.MasterDown, status.MasterDownInterval);
        // a backup sends nothing and adds nothing
        rig.Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Garp.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Silence_for_master_down_interval_makes_it_master_with_a_valid_advert()
    {
        var rig = new InstanceRig(this).StartAsBackup();

        // Master_Down_Interval for priority 100, v2: 3 s + 609,375 µs; one microsecond short, nothing.
        Assert.Equal(VrrpState.Backup, rig.Advance(InstanceRig.MasterDown - InstanceRig.OneMicrosecond).State);
        rig.ExpectNothingSent();

        var status = rig.Advance(InstanceRig.OneMicrosecond);
        Assert.Equal(VrrpState.Master, status.State);

        var advert = SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>());
        Assert.Equal((2, 1, InstanceRig.Vrid, 100), (advert.Version, advert.Type, advert.Vrid, advert.Priority));
        Assert.Equal([InstanceRig.Vip], advert.Addresses);
        Assert.Equal(VrrpAuthType.Pass, advert.AuthType);
        Assert.Equal(SentAdvert.PasswordField(InstanceRig.Password), advert.AuthData);
        Assert.Equal(TimeSpan.FromSeconds(1), advert.Interval);
        Assert.True(advert.ChecksumValid);
        Assert.Equal((InstanceRig.Primary, InstanceRig.Group), (advert.Source, advert.Destination));

        var add = rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        Assert.Equal(("veth-ka0", InstanceRig.Vip), (add.Interface, add.Addresses.Single().Address));
        Assert.Equal(VrrpTransitionReason.MasterNoResponse, rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.To == VrrpState.Master).Reason);
        Assert.Equal("MASTER", rig.Notify.ExpectMsg<NotifyActor.StateNotify>().State);
    }

    [Fact]
    public void Excluded_addresses_are_added_announced_and_removed_but_not_advertised()
    {
        var excluded = IPAddress.Parse("10.199.1.100");
        var config = InstanceRig.NewConfig(configure: v => v.ExcludedVirtualAddresses.Add(new VirtualIpAddress { Address = excluded, PrefixLength = 32 }));
        var rig = new InstanceRig(this, config);
        rig.Start();
        rig.Socket.ExpectMsg<VrrpSocketActor.Register>();
        // the stale-address clean-up at start covers both lists
        Assert.Equal([InstanceRig.Vip, excluded], rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>().Addresses.Select(a => a.Address));

        rig.Advance(InstanceRig.MasterDown);

        Assert.Equal([InstanceRig.Vip], SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>()).Addresses);
        Assert.Equal([InstanceRig.Vip, excluded], rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>().Addresses.Select(a => a.Address));
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        Assert.Equal([InstanceRig.Vip, excluded], rig.Garp.ExpectMsg<GarpActor.SendGratuitous>().Addresses.Select(a => a.Address));
    }

    [Fact]
    public void Gratuitous_arp_waits_for_netlink_to_have_added_the_addresses()
    {
        var rig = new InstanceRig(this).StartAsBackup();
        rig.Advance(InstanceRig.MasterDown);
        rig.Socket.ExpectMsg<VrrpSocketActor.Send>();
        rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();

        // the addresses are not there yet: announcing them now would point neighbours at nothing
        rig.Sync();
        rig.Garp.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        var garp = rig.Garp.ExpectMsg<GarpActor.SendGratuitous>();
        Assert.Equal(5, garp.Repeat); // garp_master_repeat's default
        Assert.Equal(("veth-ka0", InstanceRig.Vip), (garp.Interface, garp.Addresses.Single().Address));
    }

    [Fact]
    public void A_master_advertises_every_advert_int_and_repeats_the_garp_after_garp_master_delay()
    {
        var rig = new InstanceRig(this).StartAsMaster();

        for (var second = 1; second <= 6; second++)
        {
            rig.Advance(TimeSpan.FromSeconds(1) - InstanceRig.OneMicrosecond);
            rig.Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
            rig.Advance(InstanceRig.OneMicrosecond);
            Assert.Equal(100, SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority);
            // garp_master_delay (5 s) after the takeover, the second batch of garp_master_repeat
            if (second == 5)
                Assert.Equal(5, rig.Garp.ExpectMsg<GarpActor.SendGratuitous>().Repeat);
        }
        rig.Garp.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        var stats = rig.Sync().Statistics;
        Assert.Equal(7, stats.AdvertSent);
        Assert.Equal(1, stats.BecomeMaster);
    }

    [Fact]
    public void An_address_owner_with_state_master_takes_over_at_start()
    {
        var rig = new InstanceRig(this, InstanceRig.NewConfig(255, v => v.State = VrrpState.Master));
        rig.Start();
        rig.Socket.ExpectMsg<VrrpSocketActor.Register>();
        // the stale removal goes first: netlink handles requests in order, so it cannot undo the add
        rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        Assert.Equal(255, SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority);
        rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        Assert.Equal(VrrpTransitionReason.Startup, rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>().Reason);
        Assert.Equal(VrrpState.Master, rig.Sync().State);
    }

    [Fact]
    public void A_second_garp_request_made_while_the_add_is_in_flight_is_held_back_too()
    {
        var rig = new InstanceRig(this, InstanceRig.NewConfig(configure: v => v.GarpMasterDelay = TimeSpan.FromSeconds(1))).StartAsBackup();
        rig.Advance(InstanceRig.MasterDown);
        rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        // garp_master_delay runs out before netlink has answered: both batches wait for the answer
        rig.Advance(TimeSpan.FromSeconds(1));
        rig.Garp.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        Assert.Equal(10, rig.Garp.ExpectMsg<GarpActor.SendGratuitous>().Repeat);
        rig.Garp.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void The_master_down_timer_runs_from_the_adverts_arrival_not_from_when_it_was_handled()
    {
        var rig = new InstanceRig(this).StartAsBackup();
        var arrived = Clock.GetTimestamp();
        // the advert waited 200 ms in the loop before the instance got to it
        rig.Advance(TimeSpan.FromMilliseconds(200));
        rig.Receive(PeerAdvert.V2(150) with { ReceivedAt = arrived });

        Assert.Equal(VrrpState.Backup, rig.Advance(InstanceRig.MasterDown - TimeSpan.FromMilliseconds(200) - InstanceRig.OneMicrosecond).State);
        rig.ExpectNothingSent();
        rig.Advance(InstanceRig.OneMicrosecond);
        Assert.Equal(100, SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority);
    }
}
