using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol;

public sealed partial class VrrpStateMachine
{
    /// <summary>
    /// BACKUP receives an advert (keepalived's vrrp_state_backup, RFC 5798 §6.4.2).
    /// <list type="bullet">
    /// <item>Priority 0: the master is leaving; the down timer is set to Skew_Time alone.</item>
    /// <item>nopreempt, a priority ≥ ours, or a lower priority while preempt_delay runs: the
    /// master is accepted; a v3 backup takes its advert interval as Master_Adver_Interval and the
    /// down timer restarts with the full Master_Down_Interval.</item>
    /// <item>Otherwise (a lower priority, preempting): the advert is discarded and the down timer
    /// keeps running, so this backup takes over when it runs out.</item>
    /// </list>
    /// preempt_delay as keepalived: the delay starts with the first lower-priority advert (not at
    /// start-up) and is forgotten when a priority ≥ ours is heard or on entering BACKUP from
    /// MASTER or FAULT; until it has passed, lower-priority masters are accepted.
    /// </summary>
    private void BackupReceived(int priority, long interval, long now, List<VrrpAction> actions)
    {
        if (priority == 0)
        {
            _nextMasterReason = VrrpTransitionReason.PriorityZeroReceived;
            StartDownTimer(Skew(), now, actions);
            return;
        }

        bool preemptDelayRunning = _preemptDelay > 0 && (_preemptTime is not { } until || until > now);
        if (_settings.NoPreempt || priority >= EffectivePriority || preemptDelayRunning)
        {
            if (_version == 3)
                _masterAdverInterval = interval;
            MasterPriority = priority;
            _nextMasterReason = VrrpTransitionReason.MasterNoResponse;
            // keepalived: a backup held back by its sync group wanted MASTER when its timer ran
            // out; having accepted a master it wants BACKUP again
            _wantState = VrrpState.Backup;
            if (_preemptDelay > 0)
            {
                if (priority >= EffectivePriority)
                    _preemptTime = null;
                else
                    _preemptTime ??= now + _preemptDelay;
            }
            StartDownTimer(MasterDown(), now, actions);
            return;
        }

        // keepalived re-arms the timer with what was left of it: the deadline does not move.
        Counters.LowerPriorityDiscarded++;
        _nextMasterReason = VrrpTransitionReason.Preempted;
    }
}
