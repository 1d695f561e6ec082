using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Tracking;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// keepalived's num_script_init: an instance with an unweighted track_script does not start (no
/// BACKUP, no down timer, no advert) until the script's first result, and a first failure puts
/// it straight into FAULT without a BACKUP on the way.
/// </summary>
public sealed class InstanceStartTrackingTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private InstanceRig StartWithUnweightedScript()
    {
        var rig = new InstanceRig(this, InstanceRig.NewConfig(configure: v => v.Tracks.Add(new TrackedItem(TrackKind.Script, "chk_nginx", 0, false))));
        rig.Start();
        rig.Socket.ExpectMsg<VrrpSocketActor.Register>();
        rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        return rig;
    }

    [Fact]
    public void The_instance_waits_for_the_first_result_then_starts_as_backup_and_takes_over_later()
    {
        var rig = StartWithUnweightedScript();

        // far longer than Master_Down_Interval: still not started
        Assert.Equal(VrrpState.Init, rig.Advance(InstanceRig.MasterDown * 3).State);
        rig.Events.ExpectNoMsg(TimeSpan.Zero);
        rig.ExpectNothingSent();

        rig.Instance.Tell(new TrackerActor.TrackerState(TrackKind.Script, "chk_nginx", true));
        Assert.Equal(VrrpState.Backup, rig.Sync().State);
        rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.From == VrrpState.Init && s.To == VrrpState.Backup);
        Assert.Equal("BACKUP", rig.Notify.ExpectMsg<NotifyActor.StateNotify>().State);

        // the down timer starts only now
        Assert.Equal(VrrpState.Backup, rig.Advance(InstanceRig.MasterDown - InstanceRig.OneMicrosecond).State);
        rig.Advance(InstanceRig.OneMicrosecond);
        Assert.Equal(100, SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority);
    }

    [Fact]
    public void A_first_failure_goes_straight_to_fault()
    {
        var rig = StartWithUnweightedScript();

        rig.Instance.Tell(new TrackerActor.TrackerState(TrackKind.Script, "chk_nginx", false));

        Assert.Equal(VrrpState.Fault, rig.Sync().State);
        rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.From == VrrpState.Init && s.To == VrrpState.Fault);
        Assert.Equal("FAULT", rig.Notify.ExpectMsg<NotifyActor.StateNotify>().State);
        rig.Advance(InstanceRig.MasterDown * 2);
        rig.ExpectNothingSent();
    }

    [Fact]
    public void A_weighted_script_does_not_hold_the_start_back()
    {
        var rig = new InstanceRig(this, InstanceRig.NewConfig(configure: v => v.Tracks.Add(new TrackedItem(TrackKind.Script, "chk_nginx", -20, false))));

        rig.StartAsBackup();

        Assert.Equal(VrrpState.Backup, rig.Sync().State);
    }
}
