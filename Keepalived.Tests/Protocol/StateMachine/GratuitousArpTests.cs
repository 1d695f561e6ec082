using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

public class GratuitousArpTests
{
    /// <summary>Owner master from 0 s, run for <paramref name="seconds"/>: when GARP batches went out.</summary>
    private static List<(TimeSpan At, int Repeat)> Schedule(Func<VrrpStateMachineSettings, VrrpStateMachineSettings> configure, int seconds)
    {
        var h = new FsmHarness(255, configure: configure);
        var garps = new List<(TimeSpan, int)>();
        void Collect(List<VrrpAction> actions, TimeSpan at)
        {
            foreach (var a in actions)
                if (a.Kind == VrrpActionKind.SendGratuitousArp) garps.Add((at, a.Repeat));
        }
        Collect(h.Start(), h.Now);
        while (h.FireNext(TimeSpan.FromSeconds(seconds)) is { } fired)
            Collect(fired, h.Now);
        return garps;
    }

    [Fact]
    public void Garp_master_repeat_at_once_and_again_garp_master_delay_later()
    {
        var garps = Schedule(s => s with { GarpMasterRepeat = 3, GarpMasterDelay = TimeSpan.FromSeconds(5) }, 60);
        Assert.Equal([(TimeSpan.Zero, 3), (TimeSpan.FromSeconds(5), 3)], garps);
    }

    [Fact]
    public void Garp_master_refresh_repeats_on_the_advert_ticks_while_master()
    {
        var garps = Schedule(s => s with
        {
            GarpMasterRepeat = 2, GarpMasterDelay = TimeSpan.FromSeconds(3),
            GarpMasterRefresh = TimeSpan.FromSeconds(10), GarpMasterRefreshRepeat = 4,
        }, 35);
        Assert.Equal([(TimeSpan.Zero, 2), (TimeSpan.FromSeconds(3), 2), (TimeSpan.FromSeconds(10), 4), (TimeSpan.FromSeconds(20), 4), (TimeSpan.FromSeconds(30), 4)],
            garps);
    }

    [Fact]
    public void A_refresh_that_is_not_a_multiple_of_the_advert_interval_goes_on_the_next_tick()
    {
        var garps = Schedule(s => s with { GarpMasterDelay = TimeSpan.Zero, GarpMasterRefresh = TimeSpan.FromMilliseconds(2500) }, 8);
        Assert.Equal([(TimeSpan.Zero, 5), (TimeSpan.FromSeconds(3), 1), (TimeSpan.FromSeconds(6), 1)], garps);
    }

    [Fact]
    public void No_garp_when_the_repeat_is_0_and_no_delayed_batch_when_the_delay_is_0()
    {
        Assert.Empty(Schedule(s => s with { GarpMasterRepeat = 0, GarpMasterDelay = TimeSpan.Zero }, 30));
        Assert.Equal([(TimeSpan.Zero, 5)], Schedule(s => s with { GarpMasterDelay = TimeSpan.Zero }, 30));
    }

    [Fact]
    public void The_delayed_batch_is_dropped_when_mastership_is_lost()
    {
        var h = new FsmHarness(100);
        h.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(4));                // master at 3.609375 s, GARP delay due at 8.6 s
        var garpTimer = h.Timers[VrrpTimer.GarpMasterDelay];
        var leave = h.Advert(200, "10.199.0.9");
        Assert.Contains(VrrpAction.CancelTimer(VrrpTimer.GarpMasterDelay), leave);

        // even if the expiry was already on its way, it is stale now
        Assert.Empty(h.Run(VrrpEvent.TimerExpired(VrrpTimer.GarpMasterDelay, garpTimer.Tag)));
        Assert.Equal(1, h.Machine.Counters.StaleTimers);
    }
}
