using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Tracking;

namespace Keepalived.Tests.Tracking;

public sealed class TrackerPriorityTests
{
    [Theory]
    [InlineData(100, 100, 100)]
    [InlineData(100, 0, 1)]
    [InlineData(100, -500, 1)]
    [InlineData(100, 254, 254)]
    [InlineData(100, 255, 254)]
    [InlineData(100, 1000, 254)]
    [InlineData(255, 10, 255)]
    [InlineData(255, 400, 255)]
    public void Effective_priority_is_the_total_clamped_and_an_owner_never_changes(int basePriority, int total, int expected) =>
        Assert.Equal(expected, TrackerPriority.Effective(basePriority, total));

    [Theory]
    // weight 0: FAULT while down, or while up when reversed
    [InlineData(0, false, true, 0, false)]
    [InlineData(0, false, false, 0, true)]
    [InlineData(0, true, true, 0, true)]
    [InlineData(0, true, false, 0, false)]
    // positive weight counts while up; negative while down; reverse flips the sign
    [InlineData(10, false, true, 10, false)]
    [InlineData(10, false, false, 0, false)]
    [InlineData(-10, false, true, 0, false)]
    [InlineData(-10, false, false, -10, false)]
    [InlineData(10, true, true, -10, false)]
    [InlineData(10, true, false, 0, false)]
    [InlineData(-10, true, true, 0, false)]
    [InlineData(-10, true, false, 10, false)]
    public void State_tracker_effect(int weight, bool reverse, bool up, int adjustment, bool fault)
    {
        var effect = TrackerPriority.ForState(weight, reverse, up);
        Assert.Equal(adjustment, effect.Adjustment);
        Assert.Equal(fault, effect.Fault);
        Assert.False(effect.Initialising);
    }

    [Fact]
    public void A_state_not_known_yet_adjusts_nothing_and_holds_back_only_an_unweighted_tracker()
    {
        Assert.Equal(TrackerEffect.Waiting, TrackerPriority.ForState(0, false, null));
        Assert.Equal(TrackerEffect.None, TrackerPriority.ForState(50, false, null));
        Assert.Equal(TrackerEffect.None, TrackerPriority.ForState(-50, true, null));
    }

    [Theory]
    [InlineData(0, false, 0, 0, false)]
    [InlineData(0, false, 7, 0, true)]
    [InlineData(0, false, -1, 0, true)]
    [InlineData(0, true, 0, 0, true)]
    [InlineData(0, true, 3, 0, false)]
    [InlineData(1, false, 20, 20, false)]
    [InlineData(2, false, 20, 40, false)]
    [InlineData(5, false, 100, 253, false)]
    [InlineData(1, false, -253, -253, false)]
    [InlineData(1, false, -254, 0, true)]
    [InlineData(-1, false, 254, 0, true)]
    [InlineData(3, true, 10, -30, false)]
    [InlineData(-3, true, 10, 30, false)]
    [InlineData(254, false, 2147483648, 253, false)]
    [InlineData(254, false, -2147483648, 0, true)]
    public void File_tracker_effect(int weight, bool reverse, long value, int adjustment, bool fault)
    {
        var effect = TrackerPriority.ForFile(weight, reverse, value);
        Assert.Equal(adjustment, effect.Adjustment);
        Assert.Equal(fault, effect.Fault);
    }

    [Theory]
    [InlineData(0, 1, uint.MaxValue, false)]
    [InlineData(1, 1, uint.MaxValue, true)]
    [InlineData(3, 2, 3u, true)]
    [InlineData(4, 2, 3u, false)]
    [InlineData(0, 0, 0u, true)]
    [InlineData(1, 0, 0u, false)]
    public void Process_quorum(int count, int quorum, uint max, bool expected) =>
        Assert.Equal(expected, TrackerPriority.HasQuorum(count, quorum, max));

    [Fact]
    public void Effective_priority_of_a_non_owner_stays_in_1_to_254()
    {
        Prop.ForAll<int, long>((basePriority, total) =>
        {
            var b = Math.Abs(basePriority % 254) + 1;
            var e = TrackerPriority.Effective(b, total);
            return e is >= 1 and <= 254 && (total is < 1 or > 254 || e == total);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>
    /// keepalived adds weight × multiplier on the first report only in the weight's direction,
    /// and ±|weight| × multiplier on each change after: the state-based effect gives the same total.
    /// </summary>
    [Fact]
    public void State_effects_follow_keepalived_incremental_updates()
    {
        Prop.ForAll<int, bool, bool[]>((w, reverse, reports) =>
        {
            int weight = w % 254;
            if (weight == 0 || reports.Length == 0) return true;
            int multiplier = reverse ? -1 : 1;
            // keepalived's process_script_update_priority
            int keepalived = reports[0]
                ? (weight > 0 ? weight * multiplier : 0)
                : (weight < 0 ? weight * multiplier : 0);
            for (int i = 1; i < reports.Length; i++)
                if (reports[i] != reports[i - 1])
                    keepalived += (reports[i] ? 1 : -1) * Math.Abs(weight) * multiplier;
            return keepalived == TrackerPriority.ForState(weight, reverse, reports[^1]).Adjustment;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void File_effect_is_bounded_and_faults_exactly_at_minus_254()
    {
        Prop.ForAll<int, bool, int>((w, reverse, value) =>
        {
            int weight = w % 255;
            var effect = TrackerPriority.ForFile(weight, reverse, value);
            if (weight == 0) return effect.Adjustment == 0 && effect.Fault == ((value != 0) != reverse);
            long raw = (long)value * weight * (reverse ? -1 : 1);
            return effect.Fault
                ? raw <= -254 && effect.Adjustment == 0
                : raw > -254 && effect.Adjustment == Math.Min(raw, 253);
        }).QuickCheckThrowOnFailure();
    }
}
