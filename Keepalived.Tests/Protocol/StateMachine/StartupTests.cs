using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

public class StartupTests
{
    private static readonly TimeSpan DownV2Prio100 = TimeSpan.FromMicroseconds(3_609_375);

    [Fact]
    public void An_owner_goes_master_at_once_in_keepalived_order()
    {
        var h = new FsmHarness(priority: 255);
        var actions = h.Start();

        Assert.Equal(VrrpState.Master, h.State);
        // advert first (the old master drops the addresses), then addresses, GARP, notifies
        Assert.Equal(Act.Takeover(255, VrrpState.Init, VrrpTransitionReason.Startup), actions.Effects());
        Assert.Equal(TimeSpan.FromSeconds(1), h.DueOf(VrrpTimer.Advert));
        Assert.Equal(TimeSpan.FromSeconds(5), h.DueOf(VrrpTimer.GarpMasterDelay));
    }

    [Fact]
    public void A_backup_starts_silent_with_the_full_master_down_interval()
    {
        var h = new FsmHarness(priority: 100);
        var actions = h.Start();

        Assert.Equal(VrrpState.Backup, h.State);
        Assert.Equal([Act.Changed(VrrpState.Init, VrrpState.Backup, VrrpTransitionReason.Startup)], actions.Effects());
        Assert.Equal(DownV2Prio100, actions.TimerStart(VrrpTimer.MasterDown).Delay);
    }

    [Fact]
    public void State_master_below_255_listens_like_a_backup_first()
    {
        // keepalived 2.2.7 vrrp_init_state: an initial MASTER is honoured only for the owner;
        // others enter BACKUP with VRRP_MS_DOWN_TIMER (the adver_int + skew_min shortcut is for
        // a sync group held in BACKUP only).
        var h = new FsmHarness(priority: 150, configure: s => s with { InitialState = VrrpState.Master });
        var actions = h.Start();

        Assert.Equal(VrrpState.Backup, h.State);
        Assert.Equal(TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(414_062), actions.TimerStart(VrrpTimer.MasterDown).Delay);

        var takeover = h.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Contains(Act.Changed(VrrpState.Backup, VrrpState.Master, VrrpTransitionReason.MasterNoResponse), takeover);
    }

    [Fact]
    public void An_owner_configured_as_backup_starts_as_backup()
    {
        var h = new FsmHarness(priority: 255, configure: s => s with { InitialState = VrrpState.Backup });
        var actions = h.Start();

        Assert.Equal(VrrpState.Backup, h.State);
        Assert.Equal(TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(3_906), actions.TimerStart(VrrpTimer.MasterDown).Delay);
    }

    [Fact]
    public void A_fault_reported_before_start_starts_in_fault_without_timers()
    {
        var h = new FsmHarness(priority: 100);
        Assert.Empty(h.Fault(true));
        var actions = h.Start();

        Assert.Equal(VrrpState.Fault, h.State);
        Assert.Equal([Act.Changed(VrrpState.Init, VrrpState.Fault, VrrpTransitionReason.Fault)], actions);
        Assert.Null(h.NextDue);
    }

    [Fact]
    public void A_second_start_does_nothing()
    {
        var h = new FsmHarness();
        h.Start();
        Assert.Empty(h.Start());
        Assert.Equal(VrrpState.Backup, h.State);
    }

    [Fact]
    public void Settings_are_validated_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new FsmHarness(priority: 0));
        Assert.Throws<ArgumentException>(() => new FsmHarness(priority: 256));
        Assert.Throws<ArgumentException>(() => new FsmHarness(version: 4));
        Assert.Throws<ArgumentException>(() => new FsmHarness(version: 2, advertInterval: TimeSpan.FromMilliseconds(500)));
        Assert.Throws<ArgumentException>(() => new FsmHarness(version: 3, advertInterval: TimeSpan.FromSeconds(41)));
        Assert.Throws<ArgumentException>(() => new FsmHarness(configure: s => s with { InitialState = VrrpState.Fault }));
        Assert.Throws<ArgumentException>(() => new FsmHarness(configure: s => s with { DownTimerAdverts = 0 }));
    }

    [Fact]
    public void Settings_come_from_a_completed_vrrp_instance()
    {
        var vrrp = new VrrpInstance("VI_1", default)
        {
            Version = 3, VirtualRouterId = 7, Priority = 120, AdvertInterval = TimeSpan.FromMilliseconds(250),
            NoPreempt = true, State = VrrpState.Backup, GarpMasterDelay = TimeSpan.FromSeconds(2), GarpMasterRepeat = 3,
            GarpMasterRefresh = TimeSpan.FromSeconds(30), GarpMasterRefreshRepeat = 2, DownTimerAdverts = 4,
            LowerPrioNoAdvert = true, HigherPrioSendAdvert = true,
        };
        var s = VrrpStateMachineSettings.FromInstance(vrrp, VrrpTestWire.Ip("fd00:199::1"));

        Assert.Equal((3, 7, 120, TimeSpan.FromMilliseconds(250), true, VrrpState.Backup), (s.Version, s.VirtualRouterId, s.Priority, s.AdvertInterval, s.NoPreempt, s.InitialState));
        Assert.Equal((TimeSpan.FromSeconds(2), 3, TimeSpan.FromSeconds(30), 2, 4), (s.GarpMasterDelay, s.GarpMasterRepeat, s.GarpMasterRefresh, s.GarpMasterRefreshRepeat, s.DownTimerAdverts));
        // garp_lower_prio_* default to the garp_master_* values, as in keepalived
        Assert.Equal((TimeSpan.FromSeconds(2), 3, true, true), (s.GarpLowerPrioDelay, s.GarpLowerPrioRepeat, s.LowerPrioNoAdvert, s.HigherPrioSendAdvert));
        s.Validate();
    }
}
