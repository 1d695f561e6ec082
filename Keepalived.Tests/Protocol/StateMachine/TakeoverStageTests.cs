using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

/// <summary>
/// The takeover's stages on virtual time, with nobody answering the awaits unless the test does:
/// each stage's actions, and every other event finishing the takeover before it is handled.
/// </summary>
public class TakeoverStageTests
{
    private const string Us = "10.199.0.5";
    private const string Peer = "10.199.0.9";
    private static readonly TimeSpan MasterDown = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(609_375);

    /// <summary>A backup whose down timer has just run out: the takeover waits for its advert to be out.</summary>
    private static FsmHarness TakingOver(Func<VrrpStateMachineSettings, VrrpStateMachineSettings>? configure = null)
    {
        var h = new FsmHarness(100, Us, configure: configure) { AnswersTakeover = false };
        h.Start();
        h.AdvanceTo(MasterDown);
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Equal(VrrpTakeoverStep.AdvertSent, h.Machine.Awaiting);
        return h;
    }

    private static VrrpAction Await(VrrpTakeoverStep step) => VrrpAction.Await(step);
    private static VrrpAction ToMaster => Act.Changed(VrrpState.Backup, VrrpState.Master, VrrpTransitionReason.MasterNoResponse);

    [Fact]
    public void Each_stage_emits_its_actions_up_to_the_next_await()
    {
        var h = new FsmHarness(100, Us) { AnswersTakeover = false };
        h.Start();
        var advert = h.AdvanceTo(MasterDown);
        Assert.Equal([VrrpActionKind.StartTimer, VrrpActionKind.SendAdvert, VrrpActionKind.Await], advert.Select(a => a.Kind));
        Assert.Equal(Await(VrrpTakeoverStep.AdvertSent), advert[^1]);

        Assert.Equal([Act.AddVips, Await(VrrpTakeoverStep.AddressesAdded)], h.Run(VrrpEvent.TakeoverStepDone));
        Assert.Equal([Act.Garp(5), Await(VrrpTakeoverStep.GarpSent)], h.Run(VrrpEvent.AddressesAdded));
        var end = h.Run(VrrpEvent.TakeoverStepDone);
        Assert.Equal([ToMaster], end.Effects());
        Assert.True(end.Starts(VrrpTimer.GarpMasterDelay));
        Assert.Equal(VrrpTakeoverStep.None, h.Machine.Awaiting);
    }

    [Fact]
    public void Blocked_addresses_get_their_drop_rules_before_they_are_added()
    {
        var h = TakingOver(s => s with { BlocksAddresses = true });

        Assert.Equal([VrrpAction.SetFirewall, Await(VrrpTakeoverStep.FirewallSet)], h.Run(VrrpEvent.TakeoverStepDone));
        Assert.Equal([Act.AddVips, Await(VrrpTakeoverStep.AddressesAdded)], h.Run(VrrpEvent.FirewallSet));
        Assert.Equal([Act.Garp(5), Await(VrrpTakeoverStep.GarpSent)], h.Run(VrrpEvent.AddressesAdded));
        Assert.Equal([ToMaster], h.Run(VrrpEvent.TakeoverStepDone).Effects());
    }

    [Fact]
    public void Without_a_gratuitous_arp_the_takeover_ends_once_the_addresses_are_added()
    {
        var h = TakingOver(s => s with { GarpMasterRepeat = 0 });
        h.Run(VrrpEvent.TakeoverStepDone);

        Assert.Equal([ToMaster], h.Run(VrrpEvent.AddressesAdded).Effects());
        Assert.Equal(VrrpTakeoverStep.None, h.Machine.Awaiting);
    }

    [Fact]
    public void An_advert_received_mid_takeover_is_handled_after_the_rest_of_the_takeover()
    {
        var h = TakingOver();

        var actions = h.Advert(50, Peer).Effects();

        // the takeover's addresses and notify, then the master's answer to the lower priority;
        // the GARP of both waits for the addresses
        Assert.Equal([Act.AddVips, ToMaster, Act.Advert(100), VrrpAction.MasterReceivedLowerPriority], actions);
        Assert.Equal(VrrpTakeoverStep.None, h.Machine.Awaiting);
        Assert.Equal([Act.Garp(10)], h.Run(VrrpEvent.AddressesAdded));
        // the checkpoint the takeover asked for comes back late: nothing waits for it
        Assert.Empty(h.Run(VrrpEvent.TakeoverStepDone));
    }

    [Fact]
    public void A_higher_priority_advert_mid_takeover_ends_the_takeover_before_the_master_leaves()
    {
        var h = TakingOver();
        h.Run(VrrpEvent.TakeoverStepDone);

        var actions = h.Advert(200, Peer).Effects();

        Assert.Equal([ToMaster, Act.RemoveVips, Act.Changed(VrrpState.Master, VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert)], actions);
        // the add's late answer sends no GARP for addresses that are gone
        Assert.Empty(h.Run(VrrpEvent.AddressesAdded));
    }

    [Fact]
    public void A_stop_mid_takeover_comes_after_the_rest_of_the_takeover()
    {
        var h = TakingOver();

        var actions = h.Stop().Effects();

        Assert.Equal([Act.AddVips, ToMaster, Act.Advert(0), Act.RemoveVips,
            Act.Changed(VrrpState.Master, VrrpState.Stop, VrrpTransitionReason.Shutdown)], actions);
        Assert.Empty(h.Run(VrrpEvent.AddressesAdded));
    }

    [Fact]
    public void A_priority_0_advert_mid_takeover_is_answered_after_the_notify()
    {
        var h = TakingOver();
        h.Run(VrrpEvent.TakeoverStepDone);
        h.Run(VrrpEvent.AddressesAdded);

        Assert.Equal([ToMaster, Act.Advert(100)], h.Advert(0, Peer).Effects());
    }

    [Fact]
    public void If_netlink_never_answers_the_next_advert_tick_finishes_the_takeover_and_the_gratuitous_arp_waits()
    {
        var h = TakingOver();
        h.Run(VrrpEvent.TakeoverStepDone);

        var tick = h.Advance(TimeSpan.FromSeconds(1)).Effects();

        Assert.Equal([ToMaster, Act.Advert(100)], tick);
        Assert.Equal(VrrpTakeoverStep.None, h.Machine.Awaiting);
        // the second batch's timer finds the addresses still unanswered: it waits too
        Assert.DoesNotContain(h.Advance(TimeSpan.FromSeconds(10)), a => a.Kind == VrrpActionKind.SendGratuitousArp);
        Assert.Equal([Act.Garp(10)], h.Run(VrrpEvent.AddressesAdded));
    }

    [Fact]
    public void Any_other_event_finishes_the_takeover_and_outside_one_does_nothing()
    {
        var h = TakingOver();
        h.Run(VrrpEvent.TakeoverStepDone);
        h.Run(VrrpEvent.AddressesAdded);

        Assert.Equal([ToMaster], h.Run(VrrpEvent.Other).Effects());
        Assert.Empty(h.Run(VrrpEvent.Other));
    }

    [Fact]
    public void A_late_answer_to_an_earlier_add_does_not_carry_the_next_takeover_on()
    {
        var h = TakingOver();
        h.Run(VrrpEvent.TakeoverStepDone);
        h.Advert(200, Peer);
        h.Advance(MasterDown);
        Assert.Equal(VrrpTakeoverStep.AdvertSent, h.Machine.Awaiting);
        Assert.Equal([Act.AddVips, Await(VrrpTakeoverStep.AddressesAdded)], h.Run(VrrpEvent.TakeoverStepDone));

        Assert.Empty(h.Run(VrrpEvent.AddressesAdded));
        Assert.Equal([Act.Garp(5), Await(VrrpTakeoverStep.GarpSent)], h.Run(VrrpEvent.AddressesAdded));
    }

    [Fact]
    public void Leaving_master_before_the_drop_rules_are_set_drops_the_add()
    {
        var h = TakingOver(s => s with { BlocksAddresses = true });
        h.Run(VrrpEvent.TakeoverStepDone);

        var actions = h.Advert(200, Peer).Effects();

        Assert.Equal([ToMaster, Act.RemoveVips, Act.Changed(VrrpState.Master, VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert)], actions);
        Assert.Empty(h.Run(VrrpEvent.FirewallSet));
    }
}
