using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol;

/// <summary>
/// Taking over, in stages. keepalived does the takeover in one synchronous go (its netlink and
/// firewall calls block); an actor cannot, so the machine emits the takeover up to the next
/// thing that must be done on the wire or in the kernel, an <see cref="VrrpActionKind.Await"/>
/// naming it, and goes on when the answer comes back as an event. Any other event first gets
/// everything that is left of the takeover, without waiting: nothing overtakes a takeover.
/// </summary>
public sealed partial class VrrpStateMachine
{
    private VrrpTakeoverStep _awaiting;
    private VrrpState _takeoverFrom;
    private VrrpTransitionReason _takeoverReason;
    // adds asked and not yet answered (netlink answers in order: a late answer to an earlier
    // mastership's add comes before the current one's)
    private int _addAnswersDue;
    // firewall requests not yet answered, and whether the last one's answer is to be followed by the add
    private int _firewallAnswersDue;
    private bool _addAfterFirewall;
    // GARP rounds waiting for the addresses they announce
    private int _heldGarpRepeat;

    /// <summary>What the takeover under way waits for (<see cref="VrrpTakeoverStep.None"/>: none is).</summary>
    public VrrpTakeoverStep Awaiting => _awaiting;

    /// <summary>Whether an add of the addresses is not answered yet (a GARP would announce addresses not there).</summary>
    private bool AddressesPending => _addAnswersDue > 0 || _addAfterFirewall;

    /// <summary>
    /// Taking over (keepalived's vrrp_state_goto_master → vrrp_state_master_tx →
    /// vrrp_state_become_master). The order is keepalived's: the advert goes first so that the old
    /// master removes its addresses before our gratuitous ARPs arrive; then the drop rules (if
    /// any) and the addresses, garp_master_repeat rounds of GARP, the notifies (StateChanged) and
    /// the second GARP batch scheduled garp_master_delay later. This emits the first stage: the
    /// advert, then <see cref="VrrpTakeoverStep.AdvertSent"/> awaited.
    /// </summary>
    private void GotoMaster(VrrpTransitionReason reason, long now, List<VrrpAction> actions)
    {
        _takeoverFrom = State;
        _takeoverReason = reason;
        State = VrrpState.Master;
        _wantState = VrrpState.Master;
        // RFC 5798 §6.4.2: a new master advertises its own interval. (keepalived 2.2.7 only
        // resets master_adver_int when detailed logging is on; it is unused while master.)
        _masterAdverInterval = _advertInterval;
        CancelTimer(VrrpTimer.MasterDown, actions);
        // the instance's place in the interval (AdvertSlot): masters that took over together do not all advertise together
        StartTimer(VrrpTimer.Advert, _advertSlot < 0 ? _advertInterval : AdvertSlot.DelayToNext(now, _advertSlot, _advertInterval), actions);
        SendAdvert(EffectivePriority, actions);
        _vipSet = true;
        if (_garpRefresh > 0)
            _garpRefreshDue = now + _garpRefresh;
        Await(VrrpTakeoverStep.AdvertSent, actions);
    }

    /// <summary>
    /// The leaf named by the last <see cref="VrrpActionKind.Await"/> has done its part: after the
    /// advert the addresses are asked for (or first the drop rules), after the GARP the takeover
    /// ends. An answer no stage waits for (its takeover finished meanwhile) is ignored.
    /// </summary>
    public void TakeoverStepDone(TimeSpan now, List<VrrpAction> actions)
    {
        if (_awaiting == VrrpTakeoverStep.AdvertSent)
        {
            RequestAddresses(actions);
            Await(_addAfterFirewall ? VrrpTakeoverStep.FirewallSet : VrrpTakeoverStep.AddressesAdded, actions);
        }
        else if (_awaiting == VrrpTakeoverStep.GarpSent)
            EndTakeover(actions);
    }

    /// <summary>The drop rules are in place: the addresses follow, if they are still wanted.</summary>
    public void FirewallSet(TimeSpan now, List<VrrpAction> actions)
    {
        if (_firewallAnswersDue > 0) _firewallAnswersDue--;
        if (_firewallAnswersDue > 0 || !_addAfterFirewall) return;
        _addAfterFirewall = false;
        AddVirtualAddresses(actions);
        if (_awaiting == VrrpTakeoverStep.FirewallSet)
            Await(VrrpTakeoverStep.AddressesAdded, actions);
    }

    /// <summary>
    /// The kernel answered an add. Once every add is answered, a takeover waiting for it sends
    /// its GARP; outside one, the GARP held meanwhile goes out.
    /// </summary>
    public void AddressesAdded(TimeSpan now, List<VrrpAction> actions)
    {
        if (_addAnswersDue > 0) _addAnswersDue--;
        if (AddressesPending) return;
        if (_awaiting == VrrpTakeoverStep.AddressesAdded)
        {
            if (AddGratuitousArp(_settings.GarpMasterRepeat, actions))
                Await(VrrpTakeoverStep.GarpSent, actions);
            else
                EndTakeover(actions);
        }
        else if (_heldGarpRepeat > 0)
        {
            actions.Add(VrrpAction.SendGratuitousArp(_heldGarpRepeat));
            _heldGarpRepeat = 0;
        }
    }

    /// <summary>
    /// Emits what is left of a takeover under way, without waiting for any leaf: every event but
    /// the takeover's own answers calls this first. The addresses' answer may still be due; the
    /// GARP then waits for it (<see cref="AddGratuitousArp"/>).
    /// </summary>
    private void FinishTakeover(TimeSpan now, List<VrrpAction> actions)
    {
        switch (_awaiting)
        {
            case VrrpTakeoverStep.None:
                return;
            case VrrpTakeoverStep.AdvertSent:
                RequestAddresses(actions);
                AddGratuitousArp(_settings.GarpMasterRepeat, actions);
                break;
            case VrrpTakeoverStep.FirewallSet or VrrpTakeoverStep.AddressesAdded:
                AddGratuitousArp(_settings.GarpMasterRepeat, actions);
                break;
        }
        EndTakeover(actions);
    }

    /// <summary>The drop rules first if the addresses are blocked (the add follows their answer), else the add.</summary>
    private void RequestAddresses(List<VrrpAction> actions)
    {
        if (!_settings.BlocksAddresses)
        {
            AddVirtualAddresses(actions);
            return;
        }
        _firewallAnswersDue++;
        _addAfterFirewall = true;
        actions.Add(VrrpAction.SetFirewall);
    }

    private void AddVirtualAddresses(List<VrrpAction> actions)
    {
        _addAnswersDue++;
        actions.Add(VrrpAction.AddVirtualAddresses);
    }

    /// <summary>The notifies, then the second GARP batch scheduled (keepalived's vrrp_state_become_master ends so).</summary>
    private void EndTakeover(List<VrrpAction> actions)
    {
        _awaiting = VrrpTakeoverStep.None;
        actions.Add(VrrpAction.StateChanged(_takeoverFrom, VrrpState.Master, _takeoverReason));
        if (_settings.GarpMasterDelay > TimeSpan.Zero)
            StartTimer(VrrpTimer.GarpMasterDelay, VrrpIntervals.ToMicroseconds(_settings.GarpMasterDelay), actions);
    }

    private void Await(VrrpTakeoverStep step, List<VrrpAction> actions)
    {
        _awaiting = step;
        actions.Add(VrrpAction.Await(step));
    }
}
