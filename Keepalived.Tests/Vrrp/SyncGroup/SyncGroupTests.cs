using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Vrrp;
using Keepalived.Tests.Vrrp.Actors;

namespace Keepalived.Tests.Vrrp.SyncGroup;

/// <summary>
/// Two (or one) real instances in a vrrp_sync_group with their <see cref="VrrpSyncGroupActor"/>,
/// on virtual time: keepalived 2.2.7's vrrp_sync_master / backup / fault as seen on the leaves
/// (adverts, addresses) and the notify actor (instance lines first, then the group's).
/// </summary>
public sealed class SyncGroupTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    // a member's own interface going down puts it in FAULT; coming back up clears it
    private static readonly LinkWatcherActor.LinkChanged InterfaceDown = new("veth-ka0", false);
    private static readonly LinkWatcherActor.LinkChanged InterfaceUp = new("veth-ka0", true);

    // v2, 1 s, priority 200: Master_Down_Interval = 3 s + (256 − 200) / 256 s
    private static readonly TimeSpan MasterDown200 = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(218_750);

    private static void AssertInstancesThenGroup(List<string> lines, string state, params string[] instances)
    {
        // the members move concurrently; the group's line comes once all of them are there
        Assert.Equal(instances.Select(i => $"INSTANCE {i} {state}").Order(), lines.SkipLast(1).Order());
        Assert.Equal($"GROUP {SyncGroupRig.GroupName} {state}", lines[^1]);
    }

    [Fact]
    public void Only_when_every_member_wants_master_do_all_take_over_together()
    {
        var rig = new SyncGroupRig(this, 100, 200).StartAsBackup();

        // VI_2's down timer runs out first: VI_1 still wants BACKUP, so VI_2 waits (vrrp_sync_can_goto_master)
        rig.Advance(MasterDown200);
        var status = rig.Status();
        Assert.Equal(VrrpState.Backup, status.State);
        Assert.All(status.Members.Values, s => Assert.Equal(VrrpState.Backup, s));
        rig[1].Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Notify.ExpectNoMsg(TimeSpan.Zero);

        // VI_1's runs out: every member now wants MASTER, and both take over at this instant
        rig.Advance(InstanceRig.MasterDown - MasterDown200);
        rig[0].ExpectTakeover();
        rig[1].ExpectTakeover();
        AssertInstancesThenGroup(rig.NotifyLines(3), "MASTER", "VI_1", "VI_2");
        var changes = new[] { rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(), rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>() };
        Assert.All(changes, c => Assert.Equal((VrrpState.Backup, VrrpState.Master, VrrpTransitionReason.MasterNoResponse), (c.From, c.To, c.Reason)));
        Assert.Equal(VrrpState.Master, rig.Status().State);
    }

    [Fact]
    public void A_members_fault_takes_the_group_to_fault_and_the_other_member_releases_its_addresses()
    {
        var rig = new SyncGroupRig(this, 100, 100).StartAsMaster();

        rig.Tell(0, InterfaceDown);

        // down_instance: priority 0 twice from the faulted member; vrrp_sync_fault: once from the other
        rig[0].ExpectRelease(zeroAdverts: 2);
        rig[1].ExpectRelease(zeroAdverts: 1);
        Assert.Equal(["INSTANCE VI_1 FAULT", "INSTANCE VI_2 FAULT", "GROUP SG1 FAULT"], rig.NotifyLines(3));
        var status = rig.Status();
        Assert.Equal(VrrpState.Fault, status.State);
        Assert.All(status.Members.Values, s => Assert.Equal(VrrpState.Fault, s));

        // nothing is sent while in FAULT
        rig.Advance(TimeSpan.FromSeconds(10));
        rig[0].Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig[1].Socket.ExpectNoMsg(TimeSpan.Zero);

        // the fault clears: both leave FAULT for BACKUP together, and take over again after the down timer
        rig.Tell(0, InterfaceUp);
        AssertInstancesThenGroup(rig.NotifyLines(3), "BACKUP", "VI_1", "VI_2");
        rig.Advance(InstanceRig.MasterDown);
        rig[0].ExpectTakeover();
        rig[1].ExpectTakeover();
        AssertInstancesThenGroup(rig.NotifyLines(3), "MASTER", "VI_1", "VI_2");
    }

    [Fact]
    public void The_group_stays_in_fault_until_the_last_faulted_member_recovers()
    {
        var rig = new SyncGroupRig(this, 100, 100).StartAsBackup();
        rig.Tell(0, InterfaceDown);
        rig.NotifyLines(3);

        rig.Tell(1, InterfaceDown);
        rig.Tell(0, InterfaceUp);

        // try_up_instance: VI_1 is well again but its group still has a faulted member
        Assert.Equal(VrrpState.Fault, rig.Status().State);
        Assert.All(rig.Status().Members.Values, s => Assert.Equal(VrrpState.Fault, s));
        rig.Notify.ExpectNoMsg(TimeSpan.FromMilliseconds(50));

        rig.Tell(1, InterfaceUp);
        AssertInstancesThenGroup(rig.NotifyLines(3), "BACKUP", "VI_1", "VI_2");
    }

    [Fact]
    public void A_higher_priority_advert_to_one_member_takes_both_to_backup()
    {
        var rig = new SyncGroupRig(this, 100, 100).StartAsMaster();

        rig.Tell(0, rig[0].Advert(150));

        // vrrp_state_master_rx → leave_master, then vrrp_sync_backup: no priority-0 advert from either
        rig[0].ExpectRelease(zeroAdverts: 0);
        rig[1].ExpectRelease(zeroAdverts: 0);
        Assert.Equal(["INSTANCE VI_1 BACKUP", "INSTANCE VI_2 BACKUP", "GROUP SG1 BACKUP"], rig.NotifyLines(3));
        Assert.Equal(VrrpTransitionReason.HigherPriorityAdvert, rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.Name == "VI_1").Reason);
        Assert.Equal(VrrpTransitionReason.SyncGroup, rig.Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.Name == "VI_2").Reason);
        rig[0].Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig[1].Socket.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(VrrpState.Backup, rig.Status().State);
    }

    [Fact]
    public void A_member_hearing_its_master_holds_the_other_back()
    {
        var rig = new SyncGroupRig(this, 100, 100).StartAsMaster();
        rig.Tell(0, rig[0].Advert(150));
        rig[0].ExpectRelease(0);
        rig[1].ExpectRelease(0);
        rig.NotifyLines(3);

        // VI_1 keeps hearing the 150 master; VI_2 hears nobody and its down timer runs out, again and again
        for (var second = 0; second < 10; second++)
        {
            rig.Tell(0, rig[0].Advert(150));
            rig.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.All(rig.Status().Members.Values, s => Assert.Equal(VrrpState.Backup, s));
        rig[1].Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Notify.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_group_with_a_single_member_behaves_like_a_plain_instance()
    {
        var rig = new SyncGroupRig(this, 100).StartAsBackup();

        rig.Advance(InstanceRig.MasterDown - InstanceRig.OneMicrosecond);
        rig[0].Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Advance(InstanceRig.OneMicrosecond);
        rig[0].ExpectTakeover();
        Assert.Equal(["INSTANCE VI_1 MASTER", "GROUP SG1 MASTER"], rig.NotifyLines(2));

        rig.Tell(0, rig[0].Advert(150));
        rig[0].ExpectRelease(zeroAdverts: 0);
        Assert.Equal(["INSTANCE VI_1 BACKUP", "GROUP SG1 BACKUP"], rig.NotifyLines(2));

        rig.Tell(0, InterfaceDown);
        Assert.Equal(["INSTANCE VI_1 FAULT", "GROUP SG1 FAULT"], rig.NotifyLines(2));
        rig.Tell(0, InterfaceUp);
        Assert.Equal(["INSTANCE VI_1 BACKUP", "GROUP SG1 BACKUP"], rig.NotifyLines(2));

        rig.Advance(InstanceRig.MasterDown - InstanceRig.OneMicrosecond);
        rig[0].Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Advance(InstanceRig.OneMicrosecond);
        rig[0].ExpectTakeover();
    }

    [Fact]
    public void Members_of_a_group_of_address_owners_in_state_master_take_over_at_start()
    {
        var rig = new SyncGroupRig(this, 255, 255);
        foreach (var v in rig.Config.Instances) v.State = VrrpState.Master;

        rig.Start();

        rig[0].ExpectTakeover();
        rig[1].ExpectTakeover();
        // keepalived's vrrp_init_state announces only a group starting in BACKUP or FAULT
        Assert.Equal(["INSTANCE VI_1 MASTER", "INSTANCE VI_2 MASTER"], rig.NotifyLines(2).Order());
        rig.Notify.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(VrrpState.Master, rig.Status().State);
    }

    [Fact]
    public void An_owner_in_state_master_with_a_non_owner_member_starts_as_backup()
    {
        var rig = new SyncGroupRig(this, 255, 100);
        rig.Config.Instances[0].State = VrrpState.Master;

        rig.StartAsBackup();

        rig[0].Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.All(rig.Status().Members.Values, s => Assert.Equal(VrrpState.Backup, s));
    }
}
