using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Nftables;
using Akka.Actor;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// The takeover's sequencing: a step of the state machine is carried out action by action, and
/// entering MASTER it yields after the advert, the address request and the GARP until the leaf
/// has done its part.
/// </summary>
public sealed partial class VrrpInstanceActor
{
    /// <summary>
    /// Runs one state-machine step and carries out the actions it produced, in order. Entering
    /// MASTER, what goes on the wire goes before the bookkeeping, as keepalived's
    /// vrrp_state_master_tx and vrrp_state_become_master order it: advert, addresses, GARP,
    /// then the log line, the notify and the sync group's report. The turn ends after the
    /// advert, after the address request and after the GARP, and the rest follows when the leaf
    /// has done its part: a <see cref="Checkpoint"/> told to the socket after the advert and to
    /// GARP after the GARP comes back once they are out, whatever turns lie between (a leaf's
    /// supervisor, while the leaf is being made, is one); the GARP and everything after it wait
    /// for netlink's answer to the add. Any other message first carries out all that is left
    /// (<see cref="AroundReceive"/>), so nothing overtakes the takeover.
    /// </summary>
    /// <param name="at">When the event happened (a timestamp of the system's clock; null: now). Timers
    /// the step starts are shortened by the time since, so they run from the event.</param>
    private void Run(in VrrpEvent e, long? at = null)
    {
        FinishPending();
        var now = Now;
        var happened = at is { } stamp ? _clock.GetElapsedTime(_epoch, stamp) : now;
        _eventAge = happened < now ? now - happened : TimeSpan.Zero;
        _machine.Handle(e, now - _eventAge, _pending);
        _yielding = EntersMaster(_pending);
        Proceed();
    }

    /// <summary>Carries out pending actions until a yield point (or the end: then the group hears of the step).</summary>
    private void Proceed()
    {
        while (_next < _pending.Count)
        {
            var action = _pending[_next++];
            Execute(action);
            if (_yielding && _next < _pending.Count && action.Kind is VrrpActionKind.SendAdvert
                    or VrrpActionKind.AddVirtualAddresses or VrrpActionKind.SendGratuitousArp)
            {
                // a leaf's answer carries the takeover on: netlink's, while the addresses are being
                // added; else a checkpoint told after the advert or the GARP
                if (_addsInFlight == 0) ContinueAfter(action.Kind == VrrpActionKind.SendAdvert ? _env.Leaves.Socket : _garpSent);
                return;
            }
        }
        _pending.Clear();
        _next = 0;
        _eventAge = TimeSpan.Zero;
        ReportToGroup();
    }

    /// <summary>
    /// Goes on with the takeover once <paramref name="leaf"/> has done what it was just told (its
    /// <see cref="CheckpointPassed"/>); with none, in the instance's next turn.
    /// </summary>
    private void ContinueAfter(LeafRef? leaf)
    {
        if (leaf is null) Self.Tell(ContinueTakeover.Instance);
        else leaf.Tell(Checkpoint.Instance, Self);
    }

    /// <summary>Carries out whatever a takeover has left, without yielding.</summary>
    private void FinishPending()
    {
        if (_pending.Count == 0) return;
        _yielding = false;
        Proceed();
    }

    /// <summary>The next step of a takeover (none if a message in between has finished it), unless the addresses are still being added (their answer asks again).</summary>
    private void OnContinueTakeover()
    {
        if (_pending.Count > 0 && _addsInFlight == 0) Proceed();
    }

    /// <summary>
    /// Messages other than those that carry a takeover on find it finished. (A netlink that
    /// never answers holds the takeover's notify only until the next message, at the latest
    /// the next advert tick.)
    /// </summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is not (ContinueTakeover or CheckpointPassed or NetlinkActor.AddressesChanged or NftablesActor.FirewallChanged))
            FinishPending();
        return base.AroundReceive(receive, message);
    }

    private static bool EntersMaster(List<VrrpAction> actions)
    {
        foreach (var action in actions)
            if (action.Kind == VrrpActionKind.StateChanged && action.To == VrrpState.Master) return true;
        return false;
    }
}
