using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol;

public sealed partial class VrrpStateMachine
{
    /// <summary>
    /// The advert timer ran out (keepalived's vrrp_state_master_tx with the addresses set):
    /// advertise, and when garp_master_refresh has passed send garp_master_refresh_repeat rounds.
    /// keepalived checks the refresh on advert ticks only, so a refresh goes out on the first
    /// advert at or after its due time (keepalived's "now &gt; due" is met there in real time;
    /// with virtual time an exact tie counts as due).
    /// </summary>
    private void MasterTransmit(long now, List<VrrpAction> actions)
    {
        SendAdvert(EffectivePriority, actions);
        if (_garpRefresh > 0 && now >= _garpRefreshDue)
        {
            AddGratuitousArp(_settings.GarpMasterRefreshRepeat, actions);
            _garpRefreshDue = now + _garpRefresh;
        }
        StartTimer(VrrpTimer.Advert, _advertInterval, actions);
    }

    /// <summary>
    /// MASTER receives an advert (keepalived's vrrp_state_master_rx, RFC 5798 §6.4.3).
    /// <list type="bullet">
    /// <item>Priority 0: answer with an advert at once (a backup must not take over).</item>
    /// <item>Lower priority, or equal priority from a lower address: keepalived answers with an
    /// advert at once to force a new election (unless lower_prio_no_advert), then sends
    /// garp_lower_prio_repeat rounds of GARP and schedules another batch garp_lower_prio_delay
    /// later (if both are set), and runs notify_master_rx_lower_pri.</item>
    /// <item>Higher priority, or equal priority from a higher address: one advert first if
    /// higher_prio_send_advert, then BACKUP (addresses removed, full Master_Down_Interval with
    /// the sender's interval for v3).</item>
    /// <item>Equal priority 255 from another address: both claim to own the addresses; keepalived
    /// reports the configuration error and lowers ours to 254, then yields to the 255.</item>
    /// </list>
    /// The advert timer restarts whenever an advert was sent in answer. keepalived restarts it
    /// after any advert unless lower_prio_no_advert is set (its comment: "If we have sent an
    /// advert, reset the timer"); this keeps that intent without letting adverts that were not
    /// answered (or were dropped) hold back ours.
    /// </summary>
    private void MasterReceived(int priority, long interval, ReadOnlySpan<byte> source, long now, List<VrrpAction> actions)
    {
        int addressOrder = VrrpAddressOrder.Compare(source, _primary.AsSpan(0, _primaryLength));
        bool higher = priority > EffectivePriority || (priority == EffectivePriority && addressOrder > 0);

        if (priority == 0 || (_settings.HigherPrioSendAdvert && higher))
        {
            SendAdvert(EffectivePriority, actions);
            if (priority == 0)
            {
                StartTimer(VrrpTimer.Advert, _advertInterval, actions);
                return;
            }
        }

        if (priority == EffectivePriority)
        {
            if (addressOrder == 0)
                Counters.SameAddressAdverts++;
            else if (EffectivePriority == VrrpInstance.PriorityOwner)
            {
                Counters.OwnerConflicts++;
                _basePriority = EffectivePriority = VrrpInstance.PriorityOwner - 1;
                actions.Add(VrrpAction.PriorityChanged(EffectivePriority));
            }
        }

        if (priority < EffectivePriority || (priority == EffectivePriority && addressOrder < 0))
        {
            bool answered = !_settings.LowerPrioNoAdvert;
            if (answered)
                SendAdvert(EffectivePriority, actions);
            if (_settings.GarpLowerPrioRepeat > 0)
            {
                AddGratuitousArp(_settings.GarpLowerPrioRepeat, actions);
                if (_settings.GarpLowerPrioDelay > TimeSpan.Zero)
                    StartTimer(VrrpTimer.GarpLowerPrioDelay, VrrpIntervals.ToMicroseconds(_settings.GarpLowerPrioDelay), actions);
            }
            actions.Add(VrrpAction.MasterReceivedLowerPriority);
            if (answered)
                StartTimer(VrrpTimer.Advert, _advertInterval, actions);
            return;
        }

        if (priority > EffectivePriority || (priority == EffectivePriority && addressOrder > 0))
        {
            if (_version == 3)
                _masterAdverInterval = interval;
            MasterPriority = priority;
            _wantState = VrrpState.Backup;
            LeaveMaster(VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert, zeroAdverts: 0, now, actions);
        }
        // Equal priority and our own address: keepalived only warns.
    }

    /// <summary>
    /// Leaving MASTER (keepalived's vrrp_state_leave_master). For FAULT, keepalived sends
    /// priority 0 twice: once in vrrp_state_leave_master for the FAULT want-state and once in
    /// vrrp_restore_interface (called with advF from down_instance); both are kept
    /// (<paramref name="zeroAdverts"/> 2; a sync group's vrrp_sync_fault calls it without advF: 1). Then the
    /// addresses go, the pending GARP batches are dropped (keepalived's delayed GARP threads
    /// send nothing once the addresses are gone), the notifies run, and a backup starts its down
    /// timer with the full Master_Down_Interval.
    /// </summary>
    private void LeaveMaster(VrrpState to, VrrpTransitionReason reason, int zeroAdverts, long now, List<VrrpAction> actions)
    {
        State = to;
        for (int i = 0; i < zeroAdverts; i++)
            SendAdvert(0, actions);
        if (to != VrrpState.Fault)
            _preemptTime = null;
        RemoveVirtualAddresses(actions);
        CancelAllTimers(actions);
        actions.Add(VrrpAction.StateChanged(VrrpState.Master, to, reason));
        if (to == VrrpState.Backup)
        {
            _nextMasterReason = VrrpTransitionReason.MasterNoResponse;
            StartDownTimer(MasterDown(), now, actions);
        }
    }

    private void RemoveVirtualAddresses(List<VrrpAction> actions)
    {
        if (!_vipSet) return;
        _vipSet = false;
        // an add still waiting for its drop rules is not made, and the GARP held for it not sent
        _addAfterFirewall = false;
        _heldGarpRepeat = 0;
        actions.Add(VrrpAction.RemoveVirtualAddresses);
    }

    private static void SendAdvert(int priority, List<VrrpAction> actions) => actions.Add(VrrpAction.SendAdvert(priority));

    /// <summary>
    /// keepalived's vrrp_send_link_update: nothing when the repeat count is 0. A GARP announces
    /// addresses, so while an add is not yet answered it is held and goes out with the answer.
    /// </summary>
    /// <returns>whether the GARP was sent.</returns>
    private bool AddGratuitousArp(int repeat, List<VrrpAction> actions)
    {
        if (repeat <= 0) return false;
        if (AddressesPending)
        {
            _heldGarpRepeat += repeat;
            return false;
        }
        actions.Add(VrrpAction.SendGratuitousArp(repeat));
        return true;
    }
}
