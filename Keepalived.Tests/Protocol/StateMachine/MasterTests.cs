using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

public class MasterTests
{
    private const string Us = "10.199.0.5";
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>A master at time 10 s that took over from the down timer.</summary>
    private static FsmHarness Master(int priority = 100, string address = Us, Func<VrrpStateMachineSettings, VrrpStateMachineSettings>? configure = null,
        int version = 2, TimeSpan? interval = null)
    {
        var h = new FsmHarness(priority, address, version, interval, configure);
        h.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(10));
        Assert.Equal(VrrpState.Master, h.State);
        return h;
    }

    [Fact]
    public void A_master_advertises_on_its_timer()
    {
        var h = Master(configure: s => s with { GarpMasterDelay = TimeSpan.Zero });
        var from = h.Now;
        var actions = h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(Enumerable.Repeat(Act.Advert(100), 5), actions.Effects());
        var sends = h.Log.Where(a => a.Kind == VrrpActionKind.StartTimer && a.Timer == VrrpTimer.Advert).ToList();
        Assert.All(sends.TakeLast(5), a => Assert.Equal(Second, a.Delay));
        // took over at 3.609375 s, so ticks at 10.609375 .. 14.609375 and the next one due at 15.609375 s
        Assert.Equal(from + TimeSpan.FromMicroseconds(5_609_375), h.DueOf(VrrpTimer.Advert));
    }

    [Fact]
    public void A_priority_0_advert_is_answered_at_once_and_the_advert_timer_restarts()
    {
        var h = Master();
        h.Advance(TimeSpan.FromMilliseconds(400));
        var actions = h.Advert(0, "10.199.0.9");

        Assert.Equal([Act.Advert(100)], actions.Effects());
        Assert.Equal(h.Now + Second, h.DueOf(VrrpTimer.Advert));
        Assert.Equal(VrrpState.Master, h.State);
    }

    [Fact]
    public void A_lower_priority_advert_is_answered_with_an_advert_and_garp_as_keepalived()
    {
        var h = Master(priority: 150);
        h.Advance(TimeSpan.FromMilliseconds(300));
        var actions = h.Advert(100, "10.199.0.9");

        // keepalived: advert ("forcing new election"), garp_lower_prio_repeat rounds, notify_master_rx_lower_pri
        Assert.Equal([Act.Advert(150), Act.Garp(5), VrrpAction.MasterReceivedLowerPriority], actions.Effects());
        Assert.Equal(h.Now + TimeSpan.FromSeconds(5), h.DueOf(VrrpTimer.GarpLowerPrioDelay));
        Assert.Equal(h.Now + Second, h.DueOf(VrrpTimer.Advert));

        var later = h.Advance(TimeSpan.FromSeconds(5));
        Assert.Contains(Act.Garp(5), later);
    }

    [Fact]
    public void Lower_prio_no_advert_and_no_garp_leave_only_the_notify()
    {
        var h = Master(priority: 150, configure: s => s with { LowerPrioNoAdvert = true, GarpLowerPrioRepeat = 0 });
        var due = h.DueOf(VrrpTimer.Advert);
        var actions = h.Advert(100, "10.199.0.9");

        Assert.Equal([VrrpAction.MasterReceivedLowerPriority], actions);
        Assert.Equal(due, h.DueOf(VrrpTimer.Advert));
    }

    [Fact]
    public void Garp_lower_prio_delay_0_sends_only_the_first_batch()
    {
        var h = Master(priority: 150, configure: s => s with { GarpLowerPrioDelay = TimeSpan.Zero, GarpLowerPrioRepeat = 2 });
        var actions = h.Advert(100, "10.199.0.9");
        Assert.Contains(Act.Garp(2), actions);
        Assert.False(actions.Starts(VrrpTimer.GarpLowerPrioDelay));
    }

    [Fact]
    public void A_higher_priority_advert_makes_the_master_leave_in_keepalived_order()
    {
        var h = Master(priority: 100);
        var actions = h.Advert(200, "10.199.0.9");

        Assert.Equal(VrrpState.Backup, h.State);
        Assert.Equal([Act.RemoveVips, Act.Changed(VrrpState.Master, VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert)], actions.Effects());
        Assert.Null(h.DueOf(VrrpTimer.Advert));
        Assert.Null(h.DueOf(VrrpTimer.GarpMasterDelay));
        Assert.Equal(h.Now + TimeSpan.FromMicroseconds(3_609_375), h.DueOf(VrrpTimer.MasterDown));
        Assert.Equal(200, h.Machine.MasterPriority);
    }

    [Fact]
    public void Higher_prio_send_advert_sends_one_advert_before_leaving()
    {
        var h = Master(priority: 100, configure: s => s with { HigherPrioSendAdvert = true });
        var actions = h.Advert(200, "10.199.0.9");
        Assert.Equal([Act.Advert(100), Act.RemoveVips, Act.Changed(VrrpState.Master, VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert)],
            actions.Effects());
    }

    [Theory]
    [InlineData("10.199.0.5", "10.199.0.6", VrrpState.Backup)]   // sender higher: we yield
    [InlineData("10.199.0.5", "10.199.0.4", VrrpState.Master)]   // sender lower: we stay and answer
    [InlineData("10.199.0.200", "10.199.0.30", VrrpState.Master)] // bytes, not text
    [InlineData("fd00:199::10", "fd00:199::9", VrrpState.Master)]
    [InlineData("fd00:199::10", "fd00:199::1:0", VrrpState.Backup)]
    public void Equal_priority_is_decided_by_the_higher_primary_address(string us, string sender, VrrpState expected)
    {
        var h = Master(priority: 100, address: us, version: us.Contains(':') ? 3 : 2);
        var actions = h.Advert(100, sender);
        Assert.Equal(expected, h.State);
        if (expected == VrrpState.Master)
            Assert.Equal([Act.Advert(100), Act.Garp(5), VrrpAction.MasterReceivedLowerPriority], actions.Effects());
    }

    [Fact]
    public void Equal_priority_from_our_own_address_is_counted_and_ignored()
    {
        var h = Master();
        var due = h.DueOf(VrrpTimer.Advert);
        Assert.Empty(h.Advert(100, Us));
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Equal(due, h.DueOf(VrrpTimer.Advert));
        Assert.Equal(1, h.Machine.Counters.SameAddressAdverts);
    }

    [Fact]
    public void Two_owners_lower_ours_to_254_and_yield_to_the_other()
    {
        var h = new FsmHarness(255, Us);
        h.Start();
        var actions = h.Advert(255, "10.199.0.1");      // lower address, but still 255 > 254
        Assert.Equal(1, h.Machine.Counters.OwnerConflicts);
        Assert.Equal(254, h.Machine.EffectivePriority);
        Assert.Equal(VrrpAction.PriorityChanged(254), actions[0]);
        Assert.Equal(VrrpState.Backup, h.State);
        // 254 is no longer the owner: trackers can change it now
        h.Priority(200);
        Assert.Equal(200, h.Machine.EffectivePriority);
    }

    [Fact]
    public void A_v3_master_that_yields_takes_the_new_master_interval()
    {
        var h = Master(priority: 100, version: 3, interval: TimeSpan.FromMilliseconds(100));
        var actions = h.Advert(200, "10.199.0.9", TimeSpan.FromMilliseconds(200));
        Assert.Equal(TimeSpan.FromMilliseconds(200), h.Machine.MasterAdverInterval);
        // 600 ms + 156 × 20 cs × 625 / 16 = 121,875 µs
        Assert.Equal(TimeSpan.FromMicroseconds(721_875), actions.TimerStart(VrrpTimer.MasterDown).Delay);
    }

    [Fact]
    public void A_master_advertises_its_own_interval_again_after_learning_another_as_backup()
    {
        var h = new FsmHarness(100, Us, 3, TimeSpan.FromMilliseconds(100));
        h.Start();
        h.Advert(200, "10.199.0.9", TimeSpan.FromMilliseconds(300));
        Assert.Equal(TimeSpan.FromMilliseconds(300), h.Machine.MasterAdverInterval);
        // 900 ms + 182,812 µs with the learned interval
        Assert.Equal(TimeSpan.FromMicroseconds(1_082_812), h.DueOf(VrrpTimer.MasterDown));
        var takeover = h.AdvanceTo(TimeSpan.FromMicroseconds(1_082_812));
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Equal(TimeSpan.FromMilliseconds(100), h.Machine.MasterAdverInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), takeover.TimerStart(VrrpTimer.Advert).Delay);
    }

    [Fact]
    public void A_dropped_advert_does_not_hold_back_the_master_adverts()
    {
        var h = Master();
        var due = h.DueOf(VrrpTimer.Advert);
        Assert.Empty(h.Advert(300, "10.199.0.9"));
        Assert.Empty(h.Advert(200, "10.199.0.9", TimeSpan.FromSeconds(3)));
        Assert.Equal(due, h.DueOf(VrrpTimer.Advert));
        Assert.Equal(VrrpState.Master, h.State);
    }
}
