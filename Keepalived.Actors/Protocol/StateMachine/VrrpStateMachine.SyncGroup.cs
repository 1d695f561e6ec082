using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol;

/// <summary>
/// What a member of a vrrp_sync_group does differently (keepalived's vrrp_sync.c): it never
/// takes over on its own but asks its group, and the group moves it along with the others.
/// </summary>
public sealed partial class VrrpStateMachine
{
    /// <summary>
    /// The down timer of a sync group member ran out (keepalived's vrrp_goto_master with
    /// vrrp_sync_can_goto_master): it now wants MASTER and asks its group. Until the group
    /// answers with <see cref="SyncGroupMaster"/> it stays BACKUP with the full down timer
    /// running again, as keepalived re-arms it while "waiting for other instances to be ready".
    /// </summary>
    private void RequestSyncGroupMaster(long now, List<VrrpAction> actions)
    {
        _wantState = VrrpState.Master;
        StartDownTimer(MasterDown(), now, actions);
        actions.Add(VrrpAction.RequestSyncGroupMaster(_nextMasterReason));
    }

    /// <summary>
    /// The group goes MASTER (keepalived's vrrp_sync_master → vrrp_state_goto_master): a BACKUP
    /// member takes over at once, in the usual order (advert, addresses, GARP, notifies), with the
    /// reason of the member that asked. A member that is MASTER already, or faulted, or not
    /// running, is left alone.
    /// </summary>
    public void SyncGroupMaster(VrrpTransitionReason reason, TimeSpan now, List<VrrpAction> actions)
    {
        FinishTakeover(now, actions);
        if (State != VrrpState.Backup || _faulted) return;
        GotoMaster(reason, VrrpIntervals.ToMicroseconds(now), actions);
    }

    /// <summary>
    /// The group goes BACKUP (keepalived's vrrp_sync_backup): a MASTER leaves without a priority-0
    /// advert (vrrp_state_leave_master without advF) and starts its full down timer; a member held
    /// in FAULT by its group and not faulted itself leaves FAULT (vrrp_state_leave_fault). A
    /// BACKUP member is left alone, keeping its want-state, as keepalived skips it.
    /// </summary>
    public void SyncGroupBackup(TimeSpan now, List<VrrpAction> actions)
    {
        FinishTakeover(now, actions);
        long t = VrrpIntervals.ToMicroseconds(now);
        if (State == VrrpState.Master)
        {
            _wantState = VrrpState.Backup;
            LeaveMaster(VrrpState.Backup, VrrpTransitionReason.SyncGroup, zeroAdverts: 0, t, actions);
        }
        else if (State == VrrpState.Fault && !_faulted)
        {
            _wantState = VrrpState.Backup;
            LeaveFaultToBackup(VrrpTransitionReason.SyncGroup, t, actions);
        }
    }

    /// <summary>
    /// Another member is faulted: the group goes FAULT (keepalived's vrrp_sync_fault). A MASTER
    /// sends priority 0 once (vrrp_state_leave_master for the FAULT want-state, without advF) and
    /// removes its addresses; a BACKUP stops its down timer. The member stays in FAULT until its
    /// group takes it to BACKUP.
    /// </summary>
    public void SyncGroupFault(TimeSpan now, List<VrrpAction> actions)
    {
        FinishTakeover(now, actions);
        if (State is not (VrrpState.Master or VrrpState.Backup)) return;
        _wantState = VrrpState.Fault;
        if (State == VrrpState.Master)
            LeaveMaster(VrrpState.Fault, VrrpTransitionReason.SyncGroup, zeroAdverts: 1, VrrpIntervals.ToMicroseconds(now), actions);
        else
            EnterFaultFromBackup(VrrpTransitionReason.SyncGroup, actions);
    }
}
