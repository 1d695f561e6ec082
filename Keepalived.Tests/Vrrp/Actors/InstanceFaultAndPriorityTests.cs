using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Tracking;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// What trackers and links tell a VrrpInstanceActor: FAULT (keepalived's down_instance /
/// try_up_instance) and a new total priority (vrrp_set_effective_priority), and what reaches
/// the wire and the notify actor as a result.
/// </summary>
public sealed class InstanceFaultAndPriorityTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    [Fact]
    public void A_fault_as_master_sends_priority_zero_twice_and_removes_the_addresses()
    {
        var rig = new InstanceRig(this).StartAsMaster();

        var status = Send(rig, new LinkWatcherActor.LinkChanged("veth-ka0", false));

        Assert.Equal(VrrpState.Fault, status.State);
        Assert.Equal([0, 0], Enumerable.Range(0, 2).Select(_ => SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority));
        rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        Assert.Equal("FAULT", rig.Notify.ExpectMsg<NotifyActor.StateNotify>().State);
        Assert.Equal(VrrpTransitionReason.Fault, rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>().Reason);
        // no adverts while faulted
        rig.Advance(TimeSpan.FromSeconds(5));
        rig.Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Leaving_fault_enters_backup_with_the_full_down_timer()
    {
        var rig = new InstanceRig(this).StartAsBackup();
        Send(rig, new LinkWatcherActor.LinkChanged("veth-ka0", false));
        rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.To == VrrpState.Fault);
        rig.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(VrrpState.Backup, Send(rig, new LinkWatcherActor.LinkChanged("veth-ka0", true)).State);
        rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.From == VrrpState.Fault && s.To == VrrpState.Backup);

        rig.Advance(InstanceRig.MasterDown - InstanceRig.OneMicrosecond);
        rig.Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(VrrpState.Master, rig.Advance(InstanceRig.OneMicrosecond).State);
    }

    [Fact]
    public void A_master_advertises_a_lowered_priority_on_its_next_advert()
    {
        var rig = new InstanceRig(this, WithScript(weight: -20)).StartAsMaster();

        var status = Send(rig, new TrackerActor.TrackerState(TrackKind.Script, "chk", false));
        Assert.Equal((100, 80), (status.BasePriority, status.EffectivePriority));
        rig.Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(20));

        rig.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(80, SentAdvert.Decode(rig.Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority);
        // notify_priority_changes is off by default: no event
        rig.Notify.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void With_notify_priority_changes_the_change_is_announced_and_clamped()
    {
        var global = new GlobalConfig { VrrpNotifyPriorityChanges = true };
        var rig = new InstanceRig(this, WithScript(weight: 200), global).StartAsBackup();

        Send(rig, new TrackerActor.TrackerState(TrackKind.Script, "chk", true));

        var notify = rig.Notify.ExpectMsg<NotifyActor.EventNotify>();
        Assert.Equal(("VI_1", "BACKUP_PRIORITY", 254), (notify.Name, notify.Event, notify.Priority));
    }

    /// <summary>An instance that tracks the script chk with <paramref name="weight"/>: its reports move the total priority.</summary>
    private static VrrpInstance WithScript(int weight) =>
        InstanceRig.NewConfig(configure: v => v.Tracks.Add(new TrackedItem(TrackKind.Script, "chk", weight, false)));

    private static VrrpInstanceActor.Status Send(InstanceRig rig, object message)
    {
        rig.Instance.Tell(message);
        return rig.Sync();
    }
}
