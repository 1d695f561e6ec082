using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

public class FaultAndStopTests
{
    private static FsmHarness MasterAt4s(int priority = 100)
    {
        var h = new FsmHarness(priority);
        h.Start();
        h.AdvanceTo(TimeSpan.FromSeconds(4));
        Assert.Equal(VrrpState.Master, h.State);
        return h;
    }

    [Fact]
    public void A_master_entering_fault_sends_priority_0_twice_and_removes_its_addresses()
    {
        var h = MasterAt4s();
        var actions = h.Fault(true);

        // keepalived: vrrp_state_leave_master (want FAULT) sends priority 0, then
        // vrrp_restore_interface(advF) sends it again before removing the addresses.
        Assert.Equal([Act.Advert(0), Act.Advert(0), Act.RemoveVips, Act.Changed(VrrpState.Master, VrrpState.Fault, VrrpTransitionReason.Fault)],
            actions.Effects());
        Assert.Null(h.NextDue);
    }

    [Fact]
    public void A_backup_entering_fault_stops_its_down_timer()
    {
        var h = new FsmHarness();
        h.Start();
        var actions = h.Fault(true);
        Assert.Equal([VrrpAction.CancelTimer(VrrpTimer.MasterDown)], actions.Where(a => a.Kind == VrrpActionKind.CancelTimer));
        Assert.Equal([Act.Changed(VrrpState.Backup, VrrpState.Fault, VrrpTransitionReason.Fault)], actions.Effects());
        Assert.Empty(h.Advance(TimeSpan.FromSeconds(10)));
        Assert.Equal(VrrpState.Fault, h.State);
    }

    [Fact]
    public void Adverts_in_fault_are_ignored()
    {
        var h = new FsmHarness();
        h.Start();
        h.Fault(true);
        Assert.Empty(h.Advert(0, "10.199.0.9"));
        Assert.Equal(1, h.Machine.Counters.AdvertsIgnoredNotRunning);
    }

    [Fact]
    public void Leaving_fault_enters_backup_with_the_full_down_interval()
    {
        var h = MasterAt4s();
        h.Fault(true);
        h.Advance(TimeSpan.FromSeconds(1));
        var actions = h.Fault(false);

        Assert.Equal(VrrpState.Backup, h.State);
        Assert.Equal([Act.Changed(VrrpState.Fault, VrrpState.Backup, VrrpTransitionReason.FaultCleared)], actions.Effects());
        Assert.Equal(TimeSpan.FromMicroseconds(3_609_375), actions.TimerStart(VrrpTimer.MasterDown).Delay);
    }

    [Fact]
    public void Repeated_fault_reports_change_nothing()
    {
        var h = new FsmHarness();
        h.Start();
        h.Fault(true);
        Assert.Empty(h.Fault(true));
        h.Fault(false);
        Assert.Empty(h.Fault(false));
        Assert.Equal(VrrpState.Backup, h.State);
    }

    [Fact]
    public void An_owner_faulted_before_start_goes_master_when_the_fault_clears()
    {
        var h = new FsmHarness(255);
        h.Fault(true);
        h.Start();
        var actions = h.Fault(false);
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Equal(Act.Takeover(255, VrrpState.Fault, VrrpTransitionReason.FaultCleared), actions.Effects());
    }

    [Fact]
    public void An_owner_faulted_at_run_time_comes_back_as_backup_and_takes_over_on_its_timer()
    {
        var h = new FsmHarness(255);
        h.Start();
        h.Fault(true);
        var actions = h.Fault(false);
        Assert.Equal(VrrpState.Backup, h.State);
        Assert.Equal(TimeSpan.FromMicroseconds(3_003_906), actions.TimerStart(VrrpTimer.MasterDown).Delay);
        h.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(VrrpState.Master, h.State);
    }

    [Fact]
    public void A_fault_cleared_before_start_leaves_a_normal_start()
    {
        var h = new FsmHarness();
        h.Fault(true);
        h.Fault(false);
        h.Start();
        Assert.Equal(VrrpState.Backup, h.State);
    }

    [Fact]
    public void A_master_stopping_sends_priority_0_and_removes_its_addresses()
    {
        var h = MasterAt4s();
        var actions = h.Stop();
        Assert.Equal([Act.Advert(0), Act.RemoveVips, Act.Changed(VrrpState.Master, VrrpState.Stop, VrrpTransitionReason.Shutdown)], actions.Effects());
        Assert.Null(h.NextDue);
    }

    [Theory]
    [InlineData(VrrpState.Init)]
    [InlineData(VrrpState.Backup)]
    [InlineData(VrrpState.Fault)]
    public void Other_states_stop_silently(VrrpState state)
    {
        var h = new FsmHarness();
        if (state != VrrpState.Init) h.Start();
        if (state == VrrpState.Fault) h.Fault(true);
        var actions = h.Stop();
        Assert.Equal([Act.Changed(state, VrrpState.Stop, VrrpTransitionReason.Shutdown)], actions.Effects());
        Assert.Null(h.NextDue);
    }

    [Fact]
    public void Nothing_happens_after_stop()
    {
        var h = MasterAt4s();
        var advertTimer = h.Timers[VrrpTimer.Advert];
        h.Stop();
        Assert.Empty(h.Stop());
        Assert.Empty(h.Start());
        Assert.Empty(h.Advert(200, "10.199.0.9"));
        Assert.Empty(h.Fault(true));
        Assert.Empty(h.Fault(false));
        Assert.Empty(h.Run(VrrpEvent.TimerExpired(VrrpTimer.Advert, advertTimer.Tag)));
        Assert.Equal(VrrpState.Stop, h.State);
    }
}
