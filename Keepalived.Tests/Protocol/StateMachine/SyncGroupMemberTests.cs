using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

/// <summary>
/// A vrrp_sync_group member's machine (keepalived's vrrp_sync.c): its down timer asks the group
/// (vrrp_sync_can_goto_master) and the group moves it (vrrp_sync_master / backup / fault).
/// </summary>
public class SyncGroupMemberTests
{
    // v2, priority 100, 1 s: Master_Down_Interval = 3 s + 609,375 µs
    private static readonly TimeSpan MasterDown = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(609_375);

    private static FsmHarness Member(int priority = 100) =>
        new(priority, configure: s => s with { InSyncGroup = true });

    private static FsmHarness MasterMember()
    {
        var h = Member();
        h.Start();
        h.AdvanceTo(MasterDown);
        h.Run(VrrpEvent.SyncGroupMaster(VrrpTransitionReason.MasterNoResponse));
        Assert.Equal(VrrpState.Master, h.State);
        return h;
    }

    [Fact]
    public void The_down_timer_asks_the_group_and_stays_backup_with_the_full_down_timer_again()
    {
        var h = Member();
        h.Start();
        Assert.Equal(VrrpState.Backup, h.Machine.WantState);

        var actions = h.AdvanceTo(MasterDown);

        Assert.Equal(VrrpState.Backup, h.State);
        Assert.Equal(VrrpState.Master, h.Machine.WantState);
        Assert.Equal([VrrpAction.RequestSyncGroupMaster(VrrpTransitionReason.MasterNoResponse)], actions.Effects());
        Assert.Equal(MasterDown + MasterDown, h.DueOf(VrrpTimer.MasterDown));
        Assert.DoesNotContain(h.Log, a => a.Kind is VrrpActionKind.SendAdvert or VrrpActionKind.AddVirtualAddresses);
    }

    [Fact]
    public void The_group_answer_takes_over_in_keepalived_order_with_the_reason_given()
    {
        var h = Member();
        h.Start();
        h.AdvanceTo(MasterDown);

        var actions = h.Run(VrrpEvent.SyncGroupMaster(VrrpTransitionReason.PriorityZeroReceived));

        Assert.Equal(Act.Takeover(100, VrrpState.Backup, VrrpTransitionReason.PriorityZeroReceived), actions.Effects());
        Assert.Null(h.DueOf(VrrpTimer.MasterDown));
        Assert.NotNull(h.DueOf(VrrpTimer.Advert));
        Assert.Equal(VrrpState.Master, h.Machine.WantState);
    }

    [Fact]
    public void A_priority_zero_advert_asks_the_group_after_the_skew_with_that_reason()
    {
        var h = Member();
        h.Start();
        h.Advert(0, "10.199.0.9");
        var actions = h.Advance(TimeSpan.FromMicroseconds(609_375));
        Assert.Equal([VrrpAction.RequestSyncGroupMaster(VrrpTransitionReason.PriorityZeroReceived)], actions.Effects());
    }

    [Fact]
    public void Accepting_a_master_makes_a_held_back_member_want_backup_again()
    {
        var h = Member();
        h.Start();
        h.AdvanceTo(MasterDown);
        Assert.Equal(VrrpState.Master, h.Machine.WantState);

        h.Advert(150, "10.199.0.9");

        Assert.Equal(VrrpState.Backup, h.Machine.WantState);
    }

    [Fact]
    public void The_group_going_backup_takes_a_master_to_backup_without_a_priority_zero_advert()
    {
        var h = MasterMember();

        var actions = h.Run(VrrpEvent.SyncGroupBackup);

        // vrrp_sync_backup → vrrp_state_leave_master(isync, false): no advF, and want BACKUP sends nothing
        Assert.Equal([Act.RemoveVips, Act.Changed(VrrpState.Master, VrrpState.Backup, VrrpTransitionReason.SyncGroup)], actions.Effects());
        Assert.Equal(h.Now + MasterDown, h.DueOf(VrrpTimer.MasterDown));
        Assert.Null(h.DueOf(VrrpTimer.Advert));
        Assert.Equal(VrrpState.Backup, h.Machine.WantState);
    }

    [Fact]
    public void The_group_going_fault_takes_a_master_to_fault_with_one_priority_zero_advert()
    {
        var h = MasterMember();

        var actions = h.Run(VrrpEvent.SyncGroupFault);

        // vrrp_sync_fault → vrrp_state_leave_master(isync, false): the FAULT want-state's advert only
        Assert.Equal([Act.Advert(0), Act.RemoveVips, Act.Changed(VrrpState.Master, VrrpState.Fault, VrrpTransitionReason.SyncGroup)],
            actions.Effects());
        Assert.Null(h.NextDue);
        Assert.Equal(VrrpState.Fault, h.Machine.WantState);
        Assert.False(h.Machine.Faulted);
    }

    [Fact]
    public void The_group_going_fault_stops_a_backups_down_timer()
    {
        var h = Member();
        h.Start();

        var actions = h.Run(VrrpEvent.SyncGroupFault);

        Assert.Equal([Act.Changed(VrrpState.Backup, VrrpState.Fault, VrrpTransitionReason.SyncGroup)], actions.Effects());
        Assert.Null(h.NextDue);
        Assert.Empty(h.Advance(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_member_held_in_fault_by_its_group_leaves_it_when_the_group_goes_backup()
    {
        var h = Member();
        h.Start();
        h.Run(VrrpEvent.SyncGroupFault);

        var actions = h.Run(VrrpEvent.SyncGroupBackup);

        Assert.Equal([Act.Changed(VrrpState.Fault, VrrpState.Backup, VrrpTransitionReason.SyncGroup)], actions.Effects());
        Assert.Equal(h.Now + MasterDown, h.DueOf(VrrpTimer.MasterDown));
    }

    [Fact]
    public void Its_own_fault_clearing_leaves_a_member_in_fault_until_the_group_says_backup()
    {
        var h = Member();
        h.Start();
        h.Fault(true);

        Assert.Empty(h.Fault(false));
        Assert.Equal(VrrpState.Fault, h.State);
        Assert.Equal(VrrpState.Backup, h.Machine.WantState);
        Assert.Null(h.NextDue);

        Assert.Equal([Act.Changed(VrrpState.Fault, VrrpState.Backup, VrrpTransitionReason.SyncGroup)],
            h.Run(VrrpEvent.SyncGroupBackup).Effects());
    }

    [Fact]
    public void A_member_faulted_itself_ignores_the_group_going_backup_or_master()
    {
        var h = Member();
        h.Start();
        h.Fault(true);

        Assert.Empty(h.Run(VrrpEvent.SyncGroupBackup));
        Assert.Empty(h.Run(VrrpEvent.SyncGroupMaster(VrrpTransitionReason.MasterNoResponse)));
        Assert.Equal(VrrpState.Fault, h.State);
    }

    [Fact]
    public void A_backup_ignores_the_group_going_backup_and_keeps_wanting_master()
    {
        var h = Member();
        h.Start();
        h.AdvanceTo(MasterDown);

        Assert.Empty(h.Run(VrrpEvent.SyncGroupBackup));
        // keepalived's vrrp_sync_backup skips members already in BACKUP
        Assert.Equal(VrrpState.Master, h.Machine.WantState);
    }

    [Fact]
    public void A_member_faulted_as_master_sends_priority_zero_twice_like_any_instance()
    {
        var h = MasterMember();
        var actions = h.Fault(true);
        Assert.Equal([Act.Advert(0), Act.Advert(0), Act.RemoveVips, Act.Changed(VrrpState.Master, VrrpState.Fault, VrrpTransitionReason.Fault)],
            actions.Effects());
    }

    [Fact]
    public void An_instance_outside_a_group_takes_over_on_its_own()
    {
        var h = new FsmHarness();
        h.Start();
        var actions = h.AdvanceTo(MasterDown);
        Assert.DoesNotContain(actions, a => a.Kind == VrrpActionKind.RequestSyncGroupMaster);
        Assert.Equal(VrrpState.Master, h.State);
    }

    public static TheoryData<VrrpState, string> GroupEvents()
    {
        var data = new TheoryData<VrrpState, string>();
        foreach (var s in new[] { VrrpState.Init, VrrpState.Backup, VrrpState.Master, VrrpState.Fault, VrrpState.Stop })
            foreach (var e in new[] { "master", "backup", "fault" })
                data.Add(s, e);
        return data;
    }

    /// <summary>Every state × every group event: keepalived's vrrp_sync_* targets, nothing thrown.</summary>
    [Theory]
    [MemberData(nameof(GroupEvents))]
    public void Group_events_in_every_state(VrrpState from, string groupEvent)
    {
        var h = Member();
        if (from != VrrpState.Init) h.Start();
        if (from == VrrpState.Master)
        {
            h.AdvanceTo(MasterDown);
            h.Run(VrrpEvent.SyncGroupMaster(VrrpTransitionReason.MasterNoResponse));
        }
        if (from == VrrpState.Fault) h.Run(VrrpEvent.SyncGroupFault);
        if (from == VrrpState.Stop) h.Stop();
        Assert.Equal(from, h.State);

        h.Run(groupEvent switch
        {
            "master" => VrrpEvent.SyncGroupMaster(VrrpTransitionReason.MasterNoResponse),
            "backup" => VrrpEvent.SyncGroupBackup,
            _ => VrrpEvent.SyncGroupFault,
        });

        var expected = (from, groupEvent) switch
        {
            (VrrpState.Backup, "master") => VrrpState.Master,
            (VrrpState.Master or VrrpState.Fault, "backup") => VrrpState.Backup,
            (VrrpState.Master or VrrpState.Backup, "fault") => VrrpState.Fault,
            _ => from,
        };
        Assert.Equal(expected, h.State);
    }
}
