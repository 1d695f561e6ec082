using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

public class PriorityAndTimerTagTests
{
    [Theory]
    [InlineData(100, 150, 150)]
    [InlineData(100, 0, 1)]        // priority 0 is never advertised as ours
    [InlineData(100, -50, 1)]
    [InlineData(100, 255, 254)]    // only the configured owner has 255
    [InlineData(100, 1000, 254)]
    public void The_effective_priority_is_the_total_clamped_to_1_254(int configured, int total, int expected)
    {
        var h = new FsmHarness(configured);
        var actions = h.Priority(total);
        Assert.Equal(expected, h.Machine.EffectivePriority);
        Assert.Equal([VrrpAction.PriorityChanged(expected)], actions.Effects());
        Assert.Empty(h.Priority(total));   // no change, no action
    }

    [Fact]
    public void The_owner_priority_never_changes()
    {
        var h = new FsmHarness(255);
        h.Start();
        Assert.Empty(h.Priority(100));
        Assert.Equal(255, h.Machine.EffectivePriority);
    }

    [Fact]
    public void A_backup_down_timer_moves_by_the_change_of_skew_time()
    {
        var h = new FsmHarness(100);
        h.Start();
        h.Advert(200, "10.199.0.9");
        h.Advance(TimeSpan.FromSeconds(1));
        var actions = h.Priority(228);   // skew 609,375 → 109,375 µs
        Assert.Equal(TimeSpan.FromMicroseconds(3_609_375 - 500_000), h.DueOf(VrrpTimer.MasterDown));
        Assert.Equal(TimeSpan.FromMicroseconds(2_109_375), actions.TimerStart(VrrpTimer.MasterDown).Delay);
        Assert.Equal(TimeSpan.FromMicroseconds(3_109_375), h.Machine.MasterDownInterval);
    }

    [Fact]
    public void A_master_advertises_its_new_priority_on_the_next_advert()
    {
        var h = new FsmHarness(150);
        h.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(4));
        Assert.DoesNotContain(h.Priority(90), a => a.Kind == VrrpActionKind.SendAdvert);
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Contains(Act.Advert(90), h.Advance(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_stale_expiry_is_ignored_and_the_live_one_counts()
    {
        var h = new FsmHarness();
        h.Start();
        var first = h.Timers[VrrpTimer.MasterDown].Tag;
        h.Advert(200, "10.199.0.9");              // restarts the down timer with a new tag
        var live = h.Timers[VrrpTimer.MasterDown].Tag;
        Assert.NotEqual(first, live);

        Assert.Empty(h.Run(VrrpEvent.TimerExpired(VrrpTimer.MasterDown, first)));
        Assert.Equal(VrrpState.Backup, h.State);
        Assert.Empty(h.Run(VrrpEvent.TimerExpired(VrrpTimer.Advert, live)));   // right tag, wrong kind
        Assert.Empty(h.Run(VrrpEvent.TimerExpired((VrrpTimer)99, live)));      // no such kind
        Assert.Equal(3, h.Machine.Counters.StaleTimers);

        Assert.NotEmpty(h.Run(VrrpEvent.TimerExpired(VrrpTimer.MasterDown, live)));
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Empty(h.Run(VrrpEvent.TimerExpired(VrrpTimer.MasterDown, live)));   // a tag fires once
    }

    [Fact]
    public void Tags_are_never_reused_across_kinds()
    {
        var h = new FsmHarness(255);
        h.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(30));
        var tags = h.Log.Where(a => a.Kind == VrrpActionKind.StartTimer).Select(a => a.Tag).ToList();
        Assert.Equal(tags.Count, tags.Distinct().Count());
        Assert.DoesNotContain(0L, tags);
    }

    [Fact]
    public void The_steady_state_paths_allocate_nothing()
    {
        var m = new VrrpStateMachine(new VrrpStateMachineSettings { Priority = 100, PrimaryAddress = VrrpTestWire.Ip("10.199.0.1") });
        var actions = new List<VrrpAction>(16);
        byte[] source = [10, 199, 0, 9];
        m.Start(TimeSpan.Zero, actions);
        var t = TimeSpan.Zero;
        void Receive()
        {
            for (int i = 0; i < 1000; i++)
            {
                actions.Clear();
                t += TimeSpan.FromSeconds(1);
                m.AdvertReceived(200, TimeSpan.FromSeconds(1), source, t, actions);
            }
        }
        Receive();   // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        Receive();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        // as master: the advert timer ticks (the down timer the last advert started runs out)
        var down = actions.Single();
        t += down.Delay;
        actions.Clear();
        m.TimerExpired(VrrpTimer.MasterDown, down.Tag, t, actions);
        Assert.Equal(VrrpState.Master, m.State);
        long tag = actions.Last(a => a.Kind == VrrpActionKind.StartTimer && a.Timer == VrrpTimer.Advert).Tag;
        void Tick()
        {
            for (int i = 0; i < 1000; i++)
            {
                actions.Clear();
                t += TimeSpan.FromSeconds(1);
                m.TimerExpired(VrrpTimer.Advert, tag, t, actions);
                tag = actions[^1].Tag;
            }
        }
        Tick();
        before = GC.GetAllocatedBytesForCurrentThread();
        Tick();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
