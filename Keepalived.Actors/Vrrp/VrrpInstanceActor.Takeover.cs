using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Nftables;
using Akka.Actor;
using Keepalived.Actors.Protocol;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// Running a step of the state machine: its actions are carried out in order, and a takeover's
/// <see cref="VrrpActionKind.Await"/> is carried out by making sure the leaf concerned has done
/// its part. The stages themselves, and the rule that nothing overtakes a takeover, are the
/// machine's (<see cref="VrrpStateMachine.Awaiting"/>).
/// </summary>
public sealed partial class VrrpInstanceActor
{
    /// <summary>Runs one state-machine step and carries out the actions it produced, in order.</summary>
    /// <param name="at">When the event happened (a timestamp of the system's clock; null: now). The
    /// machine sees that time, and the timers the step starts are shortened by the time since,
    /// so they run from the event.</param>
    private void Run(in VrrpEvent e, long? at = null)
    {
        var now = Now;
        var happened = at is { } stamp ? _clock.GetElapsedTime(_epoch, stamp) : now;
        var age = happened < now ? now - happened : TimeSpan.Zero;
        _machine.Handle(e, now - age, _actions);
        foreach (var action in _actions) Execute(action, age);
        _actions.Clear();
        // a takeover tells its group once it is done, after its notify
        if (_machine.Awaiting == VrrpTakeoverStep.None) ReportToGroup();
    }

    /// <summary>
    /// The advert and the GARP are out once the leaf that sends them answers a
    /// <see cref="Checkpoint"/> told after them (whatever turns lie between; a leaf's
    /// supervisor, while the leaf is being made, is one). The firewall and netlink answer their requests by themselves.
    /// </summary>
    private void Await(VrrpTakeoverStep step)
    {
        if (step == VrrpTakeoverStep.AdvertSent) _env.Leaves.Socket.Tell(Checkpoint.Instance, Self);
        else if (step == VrrpTakeoverStep.GarpSent) _env.Leaves.Garp.Tell(Checkpoint.Instance, Self);
    }

    /// <summary>
    /// Every message is an event to the machine: one without an event of its own (a status
    /// query, a tracker's report that changes nothing, an advert refused) is
    /// <see cref="VrrpEvent.Other"/>, which finishes a takeover under way before the message is
    /// handled. So a netlink that never answers holds the takeover's notify only until the next
    /// message, at the latest the next advert tick.
    /// </summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (_machine.Awaiting != VrrpTakeoverStep.None
            && message is not (CheckpointPassed or NetlinkActor.AddressesChanged or NftablesActor.FirewallChanged))
            Run(VrrpEvent.Other);
        return base.AroundReceive(receive, message);
    }
}
