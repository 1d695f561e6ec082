using Keepalived.Actors.Runtime;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.SyncGroup;

/// <summary>
/// <see cref="VrrpSyncGroupActor"/> alone, with probes as its two members VI_1 and VI_2: what it
/// answers to their reports and requests, and when its notifies go out.
/// </summary>
public sealed class SyncGroupActorTests : ActorTest
{
    private readonly TestProbe _vi1, _vi2, _notify;
    private readonly IActorRef _group;

    public SyncGroupActorTests(ITestOutputHelper output) : base(output)
    {
        _vi1 = CreateTestProbe("vi1");
        _vi2 = CreateTestProbe("vi2");
        _notify = CreateTestProbe("notify");
        var group = new VrrpSyncGroup("SG1", default) { Members = ["VI_1", "VI_2"] };
        _group = Sys.ActorOf(VrrpSyncGroupActor.Props(group, ["VI_1", "VI_2"], VrrpState.Backup, new LeafRef(_notify.Ref)), "sync-group-SG1");
        // vrrp_init_state announces a group starting in BACKUP
        Assert.Equal("BACKUP", ExpectGroupNotify());
    }

    private void Report(TestProbe member, VrrpState state, VrrpState want = VrrpState.Backup, bool faulted = false, long ack = 0) =>
        member.Send(_group, new VrrpSyncGroupActor.MemberState(member == _vi1 ? "VI_1" : "VI_2", state, want, faulted, ack));

    private VrrpSyncGroupActor.Status Status()
    {
        _group.Tell(VrrpSyncGroupActor.GetStatus.Instance, TestActor);
        return ExpectMsg<VrrpSyncGroupActor.Status>();
    }

    private string ExpectGroupNotify()
    {
        var n = _notify.ExpectMsg<NotifyActor.StateNotify>();
        Assert.Equal((true, "SG1", 0), (n.Group, n.Name, n.Priority));
        return n.State;
    }

    private void BothBackup()
    {
        Report(_vi1, VrrpState.Backup);
        Report(_vi2, VrrpState.Backup);
    }

    /// <summary>VI_1 then VI_2 ask for MASTER; returns the sequence numbers of the SyncTo each got.</summary>
    private (long Vi1, long Vi2) BothAskForMaster()
    {
        _vi1.Send(_group, new VrrpSyncGroupActor.WantMaster("VI_1", VrrpTransitionReason.MasterNoResponse));
        _vi2.Send(_group, new VrrpSyncGroupActor.WantMaster("VI_2", VrrpTransitionReason.MasterNoResponse));
        var s2 = _vi2.ExpectMsg<VrrpSyncGroupActor.SyncTo>().Sequence;
        return (_vi1.ExpectMsg<VrrpSyncGroupActor.SyncTo>().Sequence, s2);
    }

    [Fact]
    public void Master_is_granted_only_once_every_member_wants_it_and_announced_once_all_have_taken_over()
    {
        BothBackup();

        _vi1.Send(_group, new VrrpSyncGroupActor.WantMaster("VI_1", VrrpTransitionReason.MasterNoResponse));
        Status();
        _vi1.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        _vi2.ExpectNoMsg(TimeSpan.Zero);

        _vi2.Send(_group, new VrrpSyncGroupActor.WantMaster("VI_2", VrrpTransitionReason.PriorityZeroReceived));

        // the one that asked goes first; both with its reason
        var toVi2 = _vi2.ExpectMsg<VrrpSyncGroupActor.SyncTo>();
        var toVi1 = _vi1.ExpectMsg<VrrpSyncGroupActor.SyncTo>();
        Assert.Equal((VrrpState.Master, VrrpTransitionReason.PriorityZeroReceived), (toVi1.State, toVi1.Reason));
        Assert.Equal((VrrpState.Master, VrrpTransitionReason.PriorityZeroReceived), (toVi2.State, toVi2.Reason));
        Assert.True(toVi1.Sequence > toVi2.Sequence);

        Report(_vi2, VrrpState.Master, VrrpState.Master, ack: toVi2.Sequence);
        Assert.Equal(VrrpState.Master, Status().State);
        _notify.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        // a report sent before the command was handled does not count as its acknowledgement
        Report(_vi1, VrrpState.Backup, VrrpState.Master, ack: 0);
        Status();
        _notify.ExpectNoMsg(TimeSpan.FromMilliseconds(20));

        Report(_vi1, VrrpState.Master, VrrpState.Master, ack: toVi1.Sequence);
        Assert.Equal("MASTER", ExpectGroupNotify());
    }

    [Fact]
    public void A_member_asking_while_the_group_is_master_is_granted_without_another_notify()
    {
        BothBackup();
        var (s1, s2) = BothAskForMaster();
        Report(_vi2, VrrpState.Master, VrrpState.Master, ack: s2);
        // VI_1 could not follow (a message race): it is still BACKUP when it acknowledges
        Report(_vi1, VrrpState.Backup, VrrpState.Master, ack: s1);
        Assert.Equal("MASTER", ExpectGroupNotify());

        // when it asks again, vrrp_sync_can_goto_master is true at once for a MASTER group
        _vi1.Send(_group, new VrrpSyncGroupActor.WantMaster("VI_1", VrrpTransitionReason.MasterNoResponse));

        Assert.Equal(VrrpState.Master, _vi1.ExpectMsg<VrrpSyncGroupActor.SyncTo>().State);
        _notify.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void The_first_faulted_member_takes_the_others_to_fault_and_the_last_to_recover_brings_all_to_backup()
    {
        BothBackup();

        Report(_vi1, VrrpState.Fault, VrrpState.Fault, faulted: true);
        var toFault = _vi2.ExpectMsg<VrrpSyncGroupActor.SyncTo>();
        Assert.Equal((VrrpState.Fault, VrrpTransitionReason.SyncGroup), (toFault.State, toFault.Reason));
        _vi1.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        Report(_vi2, VrrpState.Fault, VrrpState.Fault, ack: toFault.Sequence);
        Assert.Equal("FAULT", ExpectGroupNotify());

        // a member faulted too, then the first recovers: still FAULT
        Report(_vi2, VrrpState.Fault, VrrpState.Fault, faulted: true, ack: toFault.Sequence);
        Report(_vi1, VrrpState.Fault, VrrpState.Backup);
        Assert.Equal(VrrpState.Fault, Status().State);
        _vi1.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        _vi2.ExpectNoMsg(TimeSpan.Zero);

        Report(_vi2, VrrpState.Fault, VrrpState.Backup, ack: toFault.Sequence);
        var s1 = _vi1.ExpectMsg<VrrpSyncGroupActor.SyncTo>();
        var s2 = _vi2.ExpectMsg<VrrpSyncGroupActor.SyncTo>();
        Assert.Equal((VrrpState.Backup, VrrpState.Backup), (s1.State, s2.State));
        Report(_vi1, VrrpState.Backup, ack: s1.Sequence);
        Report(_vi2, VrrpState.Backup, ack: s2.Sequence);
        Assert.Equal("BACKUP", ExpectGroupNotify());
    }

    [Fact]
    public void No_member_is_granted_master_while_one_is_faulted()
    {
        BothBackup();
        Report(_vi1, VrrpState.Fault, VrrpState.Fault, faulted: true);
        var toFault = _vi2.ExpectMsg<VrrpSyncGroupActor.SyncTo>();

        // VI_2 asked before it handled the command
        _vi2.Send(_group, new VrrpSyncGroupActor.WantMaster("VI_2", VrrpTransitionReason.MasterNoResponse));
        Report(_vi2, VrrpState.Fault, VrrpState.Fault, ack: toFault.Sequence);

        Assert.Equal("FAULT", ExpectGroupNotify());
        _vi2.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        _vi1.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_member_reporting_after_the_group_went_fault_is_put_in_fault()
    {
        Report(_vi1, VrrpState.Fault, VrrpState.Fault, faulted: true);
        Assert.Equal("FAULT", ExpectGroupNotify());

        Report(_vi2, VrrpState.Backup);

        Assert.Equal(VrrpState.Fault, _vi2.ExpectMsg<VrrpSyncGroupActor.SyncTo>().State);
    }

    [Fact]
    public void A_member_leaving_master_for_backup_takes_the_others_to_backup()
    {
        BothBackup();
        var (s1, s2) = BothAskForMaster();
        Report(_vi2, VrrpState.Master, VrrpState.Master, ack: s2);
        Report(_vi1, VrrpState.Master, VrrpState.Master, ack: s1);
        ExpectGroupNotify();

        Report(_vi1, VrrpState.Backup, VrrpState.Backup, ack: s1);

        var toBackup = _vi2.ExpectMsg<VrrpSyncGroupActor.SyncTo>();
        Assert.Equal((VrrpState.Backup, VrrpTransitionReason.SyncGroup), (toBackup.State, toBackup.Reason));
        _vi1.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        Report(_vi2, VrrpState.Backup, VrrpState.Backup, ack: toBackup.Sequence);
        Assert.Equal("BACKUP", ExpectGroupNotify());
    }

    [Fact]
    public void Shutdown_announces_stop_and_later_reports_change_nothing()
    {
        BothBackup();

        _group.Tell(VrrpSyncGroupActor.Shutdown.Instance, TestActor);

        Assert.Equal("STOP", ExpectGroupNotify());
        Assert.Equal("SG1", ExpectMsg<VrrpSyncGroupActor.Stopped>().Name);
        Report(_vi1, VrrpState.Fault, VrrpState.Fault, faulted: true);
        _vi2.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        _notify.ExpectNoMsg(TimeSpan.Zero);
        Assert.Equal(VrrpState.Stop, Status().State);
    }

    [Fact]
    public void Reports_and_requests_from_unknown_members_are_ignored()
    {
        BothBackup();
        _vi1.Send(_group, new VrrpSyncGroupActor.MemberState("VI_9", VrrpState.Fault, VrrpState.Fault, true, 99));
        _vi1.Send(_group, new VrrpSyncGroupActor.WantMaster("", VrrpTransitionReason.MasterNoResponse));
        _vi1.Send(_group, "not a group message");

        var status = Status();
        Assert.Equal(VrrpState.Backup, status.State);
        Assert.Equal(["VI_1", "VI_2"], status.Members.Keys.Order());
        _vi1.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        _vi2.ExpectNoMsg(TimeSpan.Zero);
    }
}
