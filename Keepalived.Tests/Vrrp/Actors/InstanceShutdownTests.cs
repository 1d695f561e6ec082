using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// VrrpInstanceActor.Shutdown (keepalived's restore_vrrp_interfaces): a master says goodbye with
/// priority 0 and answers only once its addresses are gone; a backup has nothing to undo.
/// </summary>
public sealed class InstanceShutdownTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    [Fact]
    public void A_master_sends_priority_zero_removes_its_addresses_and_answers_after_netlink()
    {
        var rig = new InstanceRig(this).StartAsMaster();

        rig.Instance.Tell(VrrpInstanceActor.Shutdown.Instance, TestActor);

        var goodbye = SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>());
        Assert.Equal(0, goodbye.Priority);
        Assert.True(goodbye.ChecksumValid);
        var remove = rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        Assert.Equal([InstanceRig.Vip], remove.Addresses.Select(a => a.Address));
        var stop = rig.Notify.ExpectMsg<NotifyActor.StateNotify>();
        Assert.Equal(("STOP", 100), (stop.State, stop.Priority));
        Assert.Equal(VrrpTransitionReason.Shutdown, rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.To == VrrpState.Stop).Reason);

        // the addresses are still there until netlink says otherwise
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        Assert.Equal("VI_1", ExpectMsg<VrrpInstanceActor.ShutdownComplete>().Name);

        var status = rig.Sync();
        Assert.Equal(VrrpState.Stop, status.State);
        Assert.Equal(1, status.Statistics.PriZeroSent);
        // stopped: no more adverts, and adverts heard change nothing
        rig.Advance(TimeSpan.FromSeconds(5));
        rig.Receive(PeerAdvert.V2(50));
        rig.ExpectNothingSent();
    }

    [Fact]
    public void With_dont_release_vrrp_a_master_stops_without_a_goodbye_and_leaves_its_addresses()
    {
        var rig = new InstanceRig(this).StartAsMaster();

        rig.Instance.Tell(VrrpInstanceActor.Shutdown.KeepAddresses, TestActor);

        // answered at once: no removal to wait for
        Assert.Equal("VI_1", ExpectMsg<VrrpInstanceActor.ShutdownComplete>().Name);
        Assert.Equal("STOP", rig.Notify.ExpectMsg<NotifyActor.StateNotify>().State);
        rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.From == VrrpState.Master && s.To == VrrpState.Stop);
        rig.ExpectNothingSent();
        Assert.Equal(0, rig.Sync().Statistics.PriZeroSent);
    }

    [Fact]
    public void A_backup_answers_at_once_without_an_advert()
    {
        var rig = new InstanceRig(this).StartAsBackup();

        rig.Instance.Tell(VrrpInstanceActor.Shutdown.Instance, TestActor);

        Assert.Equal("VI_1", ExpectMsg<VrrpInstanceActor.ShutdownComplete>().Name);
        Assert.Equal("STOP", rig.Notify.ExpectMsg<NotifyActor.StateNotify>().State);
        rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.From == VrrpState.Backup && s.To == VrrpState.Stop);
        // its down timer is cancelled: it never takes over
        rig.Advance(InstanceRig.MasterDown * 2);
        rig.ExpectNothingSent();
    }

    [Fact]
    public void A_backup_whose_addresses_are_still_being_removed_answers_once_they_are_gone()
    {
        var rig = new InstanceRig(this).StartAsMaster();
        rig.Receive(PeerAdvert.V2(150));
        rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();

        // BACKUP now, but netlink has not answered the removal yet
        rig.Instance.Tell(VrrpInstanceActor.Shutdown.Instance, TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        ExpectMsg<VrrpInstanceActor.ShutdownComplete>();
        rig.Socket.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_second_shutdown_is_answered_at_once()
    {
        var rig = new InstanceRig(this).StartAsMaster();
        rig.Instance.Tell(VrrpInstanceActor.Shutdown.Instance, TestActor);
        rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        ExpectMsg<VrrpInstanceActor.ShutdownComplete>();

        rig.Instance.Tell(VrrpInstanceActor.Shutdown.Instance, TestActor);
        ExpectMsg<VrrpInstanceActor.ShutdownComplete>();
        rig.Netlink.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void Stopping_the_actor_unregisters_it_from_the_socket()
    {
        var rig = new InstanceRig(this).StartAsBackup();
        Sys.Stop(rig.Instance);
        var unregister = rig.Socket.ExpectMsg<VrrpSocketActor.Unregister>();
        Assert.Equal(((byte)InstanceRig.Vrid, rig.Instance), (unregister.Vrid, unregister.Instance));
    }
}
