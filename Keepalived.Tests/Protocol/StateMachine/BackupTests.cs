using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

public class BackupTests
{
    private const string Master = "10.199.0.9";
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Down100 = TimeSpan.FromMicroseconds(3_609_375);
    private static readonly TimeSpan Skew100 = TimeSpan.FromMicroseconds(609_375);

    private static FsmHarness StartedBackup(int priority = 100, Func<VrrpStateMachineSettings, VrrpStateMachineSettings>? configure = null,
        int version = 2, TimeSpan? interval = null)
    {
        var h = new FsmHarness(priority, version: version, advertInterval: interval, configure: configure);
        h.Start();
        return h;
    }

    [Fact]
    public void A_backup_stays_silent_while_the_master_advertises()
    {
        var h = StartedBackup();
        for (int i = 0; i < 10; i++)
        {
            h.Advance(Second);
            var actions = h.Advert(200, Master);
            Assert.Equal([VrrpAction.StartTimer(VrrpTimer.MasterDown, Down100, actions[0].Tag)], actions);
        }
        Assert.Equal(VrrpState.Backup, h.State);
        Assert.DoesNotContain(h.Log, a => a.Kind == VrrpActionKind.SendAdvert);
        Assert.Equal(200, h.Machine.MasterPriority);
        Assert.Equal(VrrpTestWire.Ip(Master), h.Machine.MasterAddress);
    }

    [Fact]
    public void The_down_timer_running_out_makes_the_backup_master()
    {
        var h = StartedBackup();
        h.Advert(200, Master);
        Assert.Empty(h.AdvanceTo(Down100 - TimeSpan.FromTicks(10)));

        var actions = h.AdvanceTo(Down100);
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Equal(Act.Takeover(100, VrrpState.Backup, VrrpTransitionReason.MasterNoResponse), actions.Effects());
    }

    [Fact]
    public void Priority_0_sets_the_down_timer_to_the_skew_time_only()
    {
        var h = StartedBackup();
        h.Advert(200, Master);
        h.Advance(Second);
        var actions = h.Advert(0, Master);

        Assert.Equal(Skew100, actions.TimerStart(VrrpTimer.MasterDown).Delay);
        var takeover = h.Advance(Skew100);
        Assert.Contains(Act.Changed(VrrpState.Backup, VrrpState.Master, VrrpTransitionReason.PriorityZeroReceived), takeover);
    }

    [Fact]
    public void An_equal_priority_advert_resets_the_down_timer_whatever_the_address()
    {
        var h = StartedBackup();
        // the tie-break by address is the master's business; a backup accepts an equal priority
        Assert.Equal(Down100, h.Advert(100, "10.199.0.0").TimerStart(VrrpTimer.MasterDown).Delay);
        Assert.Equal(Down100, h.Advert(100, "10.199.0.255").TimerStart(VrrpTimer.MasterDown).Delay);
    }

    [Fact]
    public void A_lower_priority_advert_is_discarded_and_the_backup_preempts_on_its_timer()
    {
        var h = StartedBackup(priority: 150);
        var down = h.Machine.MasterDownInterval;
        h.Advance(Second);
        Assert.Empty(h.Advert(100, Master));
        h.Advance(Second);
        Assert.Empty(h.Advert(100, Master));
        Assert.Equal(2, h.Machine.Counters.LowerPriorityDiscarded);

        var actions = h.AdvanceTo(down);   // the deadline set at start did not move
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Contains(Act.Changed(VrrpState.Backup, VrrpState.Master, VrrpTransitionReason.Preempted), actions);
    }

    [Fact]
    public void Nopreempt_accepts_a_lower_priority_master()
    {
        var h = StartedBackup(priority: 150, configure: s => s with { NoPreempt = true });
        for (int i = 0; i < 10; i++)
        {
            h.Advance(Second);
            Assert.True(h.Advert(100, Master).Starts(VrrpTimer.MasterDown));
        }
        Assert.Equal(VrrpState.Backup, h.State);
        Assert.Equal(0, h.Machine.Counters.LowerPriorityDiscarded);
    }

    [Fact]
    public void Nopreempt_still_takes_over_when_the_master_goes_silent()
    {
        var h = StartedBackup(priority: 150, configure: s => s with { NoPreempt = true });
        h.Advert(100, Master);
        h.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(VrrpState.Master, h.State);
    }

    [Fact]
    public void Preempt_delay_accepts_a_lower_priority_master_until_it_has_passed()
    {
        var delay = TimeSpan.FromSeconds(5);
        var h = StartedBackup(priority: 150, configure: s => s with { PreemptDelay = delay });
        var started = h.Now;
        // adverts every second: accepted (down timer reset) during the 5 s from the first one
        for (int i = 0; i < 5; i++)
        {
            Assert.True(h.Advert(100, Master).Starts(VrrpTimer.MasterDown), $"advert {i} should be accepted");
            h.Advance(Second);
        }
        Assert.Equal(started + delay, h.Now);
        Assert.Empty(h.Advert(100, Master));     // the delay has passed: discarded
        var down = h.DueOf(VrrpTimer.MasterDown)!.Value;
        h.Advance(Second);
        Assert.Empty(h.Advert(100, Master));
        h.AdvanceTo(down);
        Assert.Equal(VrrpState.Master, h.State);
    }

    [Fact]
    public void Preempt_delay_starts_again_after_a_higher_priority_master_was_heard()
    {
        var h = StartedBackup(priority: 150, configure: s => s with { PreemptDelay = TimeSpan.FromSeconds(3) });
        h.Advert(100, Master);                   // delay runs from 0 to 3 s
        h.Advance(TimeSpan.FromSeconds(2));
        h.Advert(200, "10.199.0.8");             // forgets the delay
        h.Advance(TimeSpan.FromSeconds(2));
        Assert.True(h.Advert(100, Master).Starts(VrrpTimer.MasterDown));   // 4 s: a new delay, accepted
        h.Advance(TimeSpan.FromSeconds(2));
        Assert.True(h.Advert(100, Master).Starts(VrrpTimer.MasterDown));   // 6 s < 4 + 3
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(h.Advert(100, Master));                               // 7 s: passed
    }

    [Fact]
    public void A_v3_backup_learns_the_master_advert_interval()
    {
        var h = StartedBackup(priority: 100, version: 3, interval: TimeSpan.FromMilliseconds(100));
        var actions = h.Advert(200, "10.199.0.9", TimeSpan.FromMilliseconds(500));

        Assert.Equal(TimeSpan.FromMilliseconds(500), h.Machine.MasterAdverInterval);
        // 3 × 500 ms + (156 × 50 cs × 625 / 16 = 304,687 µs)
        Assert.Equal(TimeSpan.FromMicroseconds(1_804_687), actions.TimerStart(VrrpTimer.MasterDown).Delay);
        // priority 0 uses the learned interval for the skew too
        Assert.Equal(TimeSpan.FromMicroseconds(304_687), h.Advert(0, "10.199.0.9", TimeSpan.FromMilliseconds(500)).TimerStart(VrrpTimer.MasterDown).Delay);
    }

    [Fact]
    public void A_v3_backup_does_not_learn_from_a_discarded_advert()
    {
        var h = StartedBackup(priority: 150, version: 3, interval: TimeSpan.FromMilliseconds(100));
        h.Advert(100, Master, TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromMilliseconds(100), h.Machine.MasterAdverInterval);
    }

    [Fact]
    public void A_v2_advert_with_another_interval_is_dropped()
    {
        var h = StartedBackup();
        var due = h.DueOf(VrrpTimer.MasterDown);
        Assert.Empty(h.Advert(200, Master, TimeSpan.FromSeconds(2)));
        Assert.Equal(due, h.DueOf(VrrpTimer.MasterDown));
        Assert.Equal((1, 1), (h.Machine.Counters.AdvertsDropped, h.Machine.Counters.AdvertIntervalMismatch));
    }

    [Theory]
    [InlineData(-1, 1000, "10.199.0.9")]
    [InlineData(256, 1000, "10.199.0.9")]
    [InlineData(int.MaxValue, 1000, "10.199.0.9")]
    [InlineData(200, 0, "10.199.0.9")]          // v3 interval 0
    [InlineData(200, -10, "10.199.0.9")]
    [InlineData(200, 41_000, "10.199.0.9")]     // beyond 12 bits of centiseconds
    public void Hostile_values_are_counted_drops_and_change_nothing(int priority, int intervalMs, string source)
    {
        var h = StartedBackup(version: 3);
        var due = h.DueOf(VrrpTimer.MasterDown);
        Assert.Empty(h.Advert(priority, source, TimeSpan.FromMilliseconds(intervalMs)));
        Assert.Equal(due, h.DueOf(VrrpTimer.MasterDown));
        Assert.Equal(1, h.Machine.Counters.AdvertsDropped);
        Assert.Equal(VrrpState.Backup, h.State);
    }

    [Fact]
    public void A_source_that_is_not_an_address_is_dropped()
    {
        var h = StartedBackup();
        var list = new List<VrrpAction>();
        h.Machine.AdvertReceived(200, Second, [1, 2, 3], h.Now, list);
        h.Machine.AdvertReceived(200, Second, source: (System.Net.IPAddress?)null, h.Now, list);
        Assert.Empty(list);
        Assert.Equal(2, h.Machine.Counters.AdvertsDropped);
    }
}
