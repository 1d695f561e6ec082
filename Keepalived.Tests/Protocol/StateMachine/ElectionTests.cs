using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;
using static Keepalived.Tests.Protocol.StateMachine.VrrpTestWire;

namespace Keepalived.Tests.Protocol.StateMachine;

/// <summary>
/// Two or three machines against each other on an in-test wire: the cases of the VPP VRRP
/// test suite (test_vrrp.py) on virtual time.
/// </summary>
public class ElectionTests
{
    /// <summary>a (10.199.0.1) and b (10.199.0.2) on a wire, started and run for 10 s.</summary>
    private static (FsmHarness A, FsmHarness B, VrrpTestWire Wire) RunningPair(int priorityA, int priorityB)
    {
        var a = Router(priorityA, "10.199.0.1");
        var b = Router(priorityB, "10.199.0.2");
        var wire = new VrrpTestWire(a, b);
        wire.StartAll();
        wire.RunFor(TimeSpan.FromSeconds(10));
        return (a, b, wire);
    }

    private static int AdvertsFrom(VrrpTestWire wire, FsmHarness router, TimeSpan since) =>
        wire.Adverts.Count(a => a.From == router && a.At > since);

    [Fact]
    public void The_higher_priority_wins_and_the_backup_stays_silent()
    {
        var a = Router(200, "10.199.0.1");
        var b = Router(100, "10.199.0.2");
        var wire = new VrrpTestWire(a, b);
        wire.StartAll();
        wire.RunFor(TimeSpan.FromSeconds(30));

        Assert.Equal((VrrpState.Master, VrrpState.Backup), (a.State, b.State));
        Assert.Equal(0, AdvertsFrom(wire, b, TimeSpan.Zero));
        // a took over at 3 + 56/256 s and advertised every second since
        Assert.InRange(AdvertsFrom(wire, a, TimeSpan.Zero), 27, 28);
    }

    [Fact]
    public void A_backup_preempts_a_lower_priority_master()
    {
        var low = Router(100, "10.199.0.2");
        var wire = new VrrpTestWire(low);
        wire.StartAll();
        wire.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(VrrpState.Master, low.State);

        var high = Router(200, "10.199.0.1");
        wire.Add(high);
        var joined = wire.Now;
        wire.RunFor(TimeSpan.FromSeconds(10));

        Assert.Equal((VrrpState.Master, VrrpState.Backup), (high.State, low.State));
        // high discarded low's adverts and took over when its down timer ran out (3 + 56/256 s)
        var takeover = high.Log.IndexOf(Act.Changed(VrrpState.Backup, VrrpState.Master, VrrpTransitionReason.Preempted));
        Assert.True(takeover >= 0);
        Assert.Contains(Act.Changed(VrrpState.Master, VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert), low.Log);
        // the deadline set when high started did not move: 3 + 56/256 s after it joined
        Assert.Equal(joined + TimeSpan.FromMicroseconds(3_218_750), wire.Adverts.First(x => x.From == high).At);
        Assert.True(wire.Adverts.Last(x => x.From == low).At < joined + TimeSpan.FromMicroseconds(3_218_750));
    }

    [Fact]
    public void Nopreempt_leaves_the_lower_priority_master_in_place()
    {
        var low = Router(100, "10.199.0.2");
        var wire = new VrrpTestWire(low);
        wire.StartAll();
        wire.RunFor(TimeSpan.FromSeconds(10));

        var high = Router(200, "10.199.0.1", s => s with { NoPreempt = true });
        wire.Add(high);
        wire.RunFor(TimeSpan.FromSeconds(30));
        Assert.Equal((VrrpState.Master, VrrpState.Backup), (low.State, high.State));

        // until the master goes away: then the nopreempt backup takes over
        wire.Run(low, r => r.Stop());
        wire.RunFor(TimeSpan.FromSeconds(2));
        Assert.Equal(VrrpState.Master, high.State);
    }

    [Fact]
    public void A_master_is_preempted_by_a_higher_priority_that_a_tracker_raises()
    {
        var (a, b, wire) = RunningPair(150, 100);
        Assert.Equal(VrrpState.Master, a.State);

        wire.Run(b, r => r.Priority(200));
        wire.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Backup, VrrpState.Master), (a.State, b.State));
    }

    [Fact]
    public void A_master_whose_priority_drops_below_the_backup_is_preempted()
    {
        var (a, b, wire) = RunningPair(150, 100);

        wire.Run(a, r => r.Priority(50));
        wire.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Backup, VrrpState.Master), (a.State, b.State));
    }

    [Fact]
    public void Priority_0_from_a_stopping_master_hands_over_after_the_skew_time()
    {
        var (a, b, wire) = RunningPair(200, 100);
        var stopped = wire.Now;

        wire.Run(a, r => r.Stop());
        Assert.Equal(VrrpState.Stop, a.State);
        wire.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(VrrpState.Master, b.State);
        var takeover = b.Log.IndexOf(Act.Changed(VrrpState.Backup, VrrpState.Master, VrrpTransitionReason.PriorityZeroReceived));
        Assert.True(takeover >= 0);
        Assert.Equal(stopped + TimeSpan.FromMicroseconds(609_375), wire.Adverts.First(x => x.From == b).At);
    }

    /// <summary>
    /// A backup accepts an equal priority, so the tie-break happens between two masters: both
    /// are cut off until both are master, then whichever advertises first, the lower address yields.
    /// </summary>
    [Theory]
    [InlineData("10.199.0.1", "10.199.0.2", 2, 1000, 0)]
    [InlineData("10.199.0.1", "10.199.0.2", 2, 1000, 500)]
    [InlineData("fd00:199::ff", "fd00:199::1:0", 3, 100, 0)]
    [InlineData("fd00:199::ff", "fd00:199::1:0", 3, 100, 50)]
    public void Equal_priorities_elect_the_higher_address(string lowAddress, string highAddress, int version, int intervalMs, int highStartsLaterMs)
    {
        var interval = TimeSpan.FromMilliseconds(intervalMs);
        var low = Router(100, lowAddress, version: version, advertInterval: interval);
        var high = Router(100, highAddress, version: version, advertInterval: interval);
        var wire = new VrrpTestWire(low);
        wire.Cut(low);
        wire.StartAll();
        wire.RunFor(TimeSpan.FromMilliseconds(highStartsLaterMs));
        wire.Add(high);
        wire.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Master, VrrpState.Master), (low.State, high.State));

        wire.Cut(low, false);
        var joined = wire.Now;
        wire.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Backup, VrrpState.Master), (low.State, high.State));
        Assert.Contains(Act.Changed(VrrpState.Master, VrrpState.Backup, VrrpTransitionReason.HigherPriorityAdvert), low.Log);
        Assert.InRange(AdvertsFrom(wire, low, joined), 0, 1);
    }

    [Fact]
    public void The_owner_takes_over_at_once_and_keeps_the_role()
    {
        var backup = Router(200, "10.199.0.9");
        var wire = new VrrpTestWire(backup);
        wire.StartAll();
        wire.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal(VrrpState.Master, backup.State);

        var owner = Router(255, "10.199.0.1");
        wire.Add(owner);
        // the owner's first advert makes the other master yield at once
        Assert.Equal((VrrpState.Master, VrrpState.Backup), (owner.State, backup.State));
        wire.RunFor(TimeSpan.FromSeconds(30));
        Assert.Equal((VrrpState.Master, VrrpState.Backup), (owner.State, backup.State));
    }

    [Fact]
    public void A_v3_backup_follows_the_master_interval()
    {
        var master = Router(200, "10.199.0.1", version: 3, advertInterval: TimeSpan.FromMilliseconds(300));
        var backup = Router(100, "10.199.0.2", version: 3, advertInterval: TimeSpan.FromMilliseconds(100));
        var wire = new VrrpTestWire(master, backup);
        wire.StartAll();
        wire.RunFor(TimeSpan.FromSeconds(5));

        Assert.Equal((VrrpState.Master, VrrpState.Backup), (master.State, backup.State));
        Assert.Equal(TimeSpan.FromMilliseconds(300), backup.Machine.MasterAdverInterval);
        // with its own 100 ms it would have timed out after 360 ms between 300 ms adverts
        Assert.Equal(0, AdvertsFrom(wire, backup, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_cut_off_backup_becomes_a_second_master_and_the_lower_one_yields_when_it_returns()
    {
        var (a, b, wire) = RunningPair(200, 100);

        wire.Cut(b);
        wire.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Master, VrrpState.Master), (a.State, b.State));

        wire.Cut(b, false);
        var back = wire.Now;
        wire.RunFor(TimeSpan.FromSeconds(2));
        Assert.Equal((VrrpState.Master, VrrpState.Backup), (a.State, b.State));
        Assert.InRange(AdvertsFrom(wire, b, back), 0, 1);
    }

    [Fact]
    public void A_faulted_master_hands_over_and_takes_back_after_the_fault()
    {
        var (a, b, wire) = RunningPair(200, 100);

        wire.Run(a, r => r.Fault(true));
        wire.RunFor(TimeSpan.FromSeconds(1));
        Assert.Equal((VrrpState.Fault, VrrpState.Master), (a.State, b.State));

        wire.Run(a, r => r.Fault(false));
        wire.RunFor(TimeSpan.FromSeconds(10));
        Assert.Equal((VrrpState.Master, VrrpState.Backup), (a.State, b.State));
    }

    [Fact]
    public void Three_routers_converge_on_the_highest()
    {
        var routers = new[] { Router(100, "10.199.0.3"), Router(150, "10.199.0.2"), Router(120, "10.199.0.1") };
        var wire = new VrrpTestWire(routers);
        wire.StartAll();
        wire.RunFor(TimeSpan.FromSeconds(20));
        Assert.Equal([VrrpState.Backup, VrrpState.Master, VrrpState.Backup], routers.Select(r => r.State));
    }
}
