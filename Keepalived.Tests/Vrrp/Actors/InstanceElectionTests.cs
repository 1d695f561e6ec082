using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// Adverts from another router reaching VrrpInstanceActor as the socket actor delivers them
/// (IPv4 header included): elections (RFC 3768 §6.4.2/§6.4.3) and the receive checks, whose
/// refusals change nothing and are counted in the instance's statistics.
/// </summary>
public sealed class InstanceElectionTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    [Fact]
    public void A_master_hearing_a_higher_priority_removes_its_addresses_and_becomes_backup()
    {
        var rig = new InstanceRig(this).StartAsMaster();

        var status = rig.Receive(PeerAdvert.V2(150));

        Assert.Equal(VrrpState.Backup, status.State);
        Assert.Equal(InstanceRig.Peer, status.MasterAddress);
        Assert.Equal([InstanceRig.Vip], rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>().Addresses.Select(a => a.Address));
        var changed = rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>();
        Assert.Equal((VrrpState.Master, VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert), (changed.From, changed.To, changed.Reason));
        Assert.Equal("BACKUP", rig.Notify.ExpectMsg<NotifyActor.StateNotify>().State);
        Assert.Equal(1, status.Statistics.ReleaseMaster);
        // no higher_prio_send_advert: it yields silently, and its advert timer is gone
        rig.Advance(TimeSpan.FromSeconds(3));
        rig.Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_master_answers_a_lower_priority_with_an_advert_and_stays_master()
    {
        var rig = new InstanceRig(this).StartAsMaster();

        var status = rig.Receive(PeerAdvert.V2(50));

        Assert.Equal(VrrpState.Master, status.State);
        Assert.Equal(100, SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority);
        // garp_lower_prio_repeat (default: garp_master_repeat) rounds, then notify_master_rx_lower_pri
        Assert.Equal(5, rig.Garp.ExpectMsg<GarpActor.SendGratuitous>().Repeat);
        Assert.Equal("MASTER_RX_LOWER_PRI", rig.Notify.ExpectMsg<NotifyActor.EventNotify>().Event);
        rig.Netlink.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void A_preempting_backup_logs_each_lower_priority_advert_it_discards_as_keepalived_does()
    {
        var rig = new InstanceRig(this).StartAsBackup();
        rig.Receive(PeerAdvert.V2(150));
        Assert.Empty(Logs.WithTemplate("received lower priority"));

        rig.Receive(PeerAdvert.V2(50));
        rig.Receive(PeerAdvert.V2(60));

        var lines = Logs.WithTemplate("received lower priority").Select(LogCapture.Arguments).ToList();
        Assert.Equal([50, 60], lines.Select(a => (int)a[1]));
        Assert.All(lines, a => Assert.Equal("VI_1", a[0]));
        Assert.Equal(InstanceRig.Peer, lines[0][2]);
    }

    [Fact]
    public void A_preempting_backup_discards_lower_priorities_and_takes_over_when_its_timer_runs_out()
    {
        var rig = new InstanceRig(this).StartAsBackup();

        // a priority ≥ ours at 1 s restarts the down timer: the deadline is now 1 s + Master_Down_Interval
        rig.Advance(TimeSpan.FromSeconds(1));
        rig.Receive(PeerAdvert.V2(150));
        // then the master is replaced by a lower one, advertising every second: discarded, the deadline stays
        for (var i = 0; i < 3; i++)
        {
            rig.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(VrrpState.Backup, rig.Receive(PeerAdvert.V2(50)).State);
        }
        rig.Advance(InstanceRig.MasterDown - TimeSpan.FromSeconds(3) - InstanceRig.OneMicrosecond);
        rig.ExpectNothingSent();

        Assert.Equal(VrrpState.Master, rig.Advance(InstanceRig.OneMicrosecond).State);
        Assert.Equal(100, SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority);
        Assert.Equal(VrrpTransitionReason.Preempted, rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>().Reason);
        rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
    }

    [Fact]
    public void A_backup_with_nopreempt_follows_a_lower_priority_master()
    {
        var rig = new InstanceRig(this, InstanceRig.NewConfig(configure: v => v.NoPreempt = true)).StartAsBackup();
        for (var i = 0; i < 10; i++)
        {
            rig.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(VrrpState.Backup, rig.Receive(PeerAdvert.V2(50)).State);
        }
        rig.ExpectNothingSent();
    }

    [Fact]
    public void Priority_zero_makes_a_backup_take_over_after_skew_time_only()
    {
        var rig = new InstanceRig(this).StartAsBackup();
        rig.Advance(TimeSpan.FromSeconds(1));

        var status = rig.Receive(PeerAdvert.V2(0));
        Assert.Equal(1, status.Statistics.PriZeroRcvd);

        rig.Advance(InstanceRig.Skew - InstanceRig.OneMicrosecond);
        rig.ExpectNothingSent();
        Assert.Equal(VrrpState.Master, rig.Advance(InstanceRig.OneMicrosecond).State);
        Assert.Equal(VrrpTransitionReason.PriorityZeroReceived, rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>().Reason);
        rig.Socket.ExpectMsg<VrrpSocketActor.Send>();
    }

    [Fact]
    public void A_wrong_password_is_refused_counted_and_does_not_hold_the_backup_back()
    {
        var rig = new InstanceRig(this).StartAsBackup();
        rig.Advance(TimeSpan.FromSeconds(1));

        var status = rig.Receive(PeerAdvert.V2(150, password: "guessed"));

        Assert.Equal(1, status.Statistics.AuthFailure);
        Assert.Equal(0, status.Statistics.AdvertRcvd);
        Assert.Null(status.MasterAddress);
        // not accepted: the down timer kept its deadline
        rig.Advance(InstanceRig.MasterDown - TimeSpan.FromSeconds(1) - InstanceRig.OneMicrosecond);
        rig.ExpectNothingSent();
        Assert.Equal(VrrpState.Master, rig.Advance(InstanceRig.OneMicrosecond).State);
    }

    [Fact]
    public void A_wrong_password_or_ttl_does_not_move_a_master_either()
    {
        var rig = new InstanceRig(this).StartAsMaster();

        rig.Receive(PeerAdvert.V2(200, password: "guessed"));
        var status = rig.Receive(PeerAdvert.V2(200, ttl: 64));

        Assert.Equal(VrrpState.Master, status.State);
        Assert.Equal((1, 1, 0), (status.Statistics.AuthFailure, status.Statistics.IpTtlErr, status.Statistics.AdvertRcvd));
        rig.ExpectNothingSent();
    }

    [Fact]
    public void An_advert_with_the_wrong_addresses_or_a_truncated_datagram_is_refused_and_counted()
    {
        var rig = new InstanceRig(this).StartAsMaster();

        rig.Receive(PeerAdvert.V2(200, addresses: [InstanceRig.Vip, InstanceRig.Peer]));
        var good = PeerAdvert.V2(200);
        var status = rig.Receive(good with { Length = good.Length - 3 });

        Assert.Equal(VrrpState.Master, status.State);
        Assert.Equal((1, 1), (status.Statistics.AddrListErr, status.Statistics.PacketLenErr));
        rig.ExpectNothingSent();
    }

    [Fact]
    public void With_skip_check_adv_addr_a_master_still_checks_the_addresses_of_a_known_sender()
    {
        var rig = new InstanceRig(this, InstanceRig.NewConfig(configure: v => v.SkipCheckAdvAddr = true)).StartAsMaster();
        rig.Receive(PeerAdvert.V2(50));
        rig.Socket.ExpectMsg<VrrpSocketActor.Send>();
        rig.Garp.ExpectMsg<GarpActor.SendGratuitous>();
        rig.Notify.ExpectMsg<NotifyActor.EventNotify>();

        // keepalived's vrrp_state_master_rx always checks the address list; only a backup skips it
        var status = rig.Receive(PeerAdvert.V2(200, addresses: [InstanceRig.Peer]));

        Assert.Equal(VrrpState.Master, status.State);
        Assert.Equal(1, status.Statistics.AddrListErr);
        rig.ExpectNothingSent();
    }

    [Fact]
    public void With_skip_check_adv_addr_a_backup_skips_the_address_check_for_its_master()
    {
        var rig = new InstanceRig(this, InstanceRig.NewConfig(configure: v => v.SkipCheckAdvAddr = true)).StartAsBackup();
        rig.Receive(PeerAdvert.V2(150));

        var status = rig.Receive(PeerAdvert.V2(150, addresses: [InstanceRig.Peer]));

        Assert.Equal((0, 2), (status.Statistics.AddrListErr, status.Statistics.AdvertRcvd));
    }

    [Fact]
    public void An_advert_for_another_vrid_is_ignored_silently()
    {
        var rig = new InstanceRig(this).StartAsBackup();
        var status = rig.Receive(PeerAdvert.V2(150, vrid: 52));
        Assert.Null(status.MasterAddress);
        Assert.Equal(0, status.Statistics.AdvertRcvd);
        rig.ExpectNothingSent();
    }
}
