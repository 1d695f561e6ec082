using Keepalived.Actors.Check.Logic;

namespace Keepalived.Tests.Check.Logic;

/// <summary>MISC_CHECK's exit status → state and weight (check_misc.c), and FILE_CHECK's weight.</summary>
public sealed class MiscRhythmTests
{
    private static readonly CheckerTiming T = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 0, TimeSpan.FromSeconds(5), false);

    [Fact]
    public void Misc_dynamic_maps_exit_status_to_weight_as_keepalived()
    {
        var p = new CheckerProgress(CheckerKind.Misc, T);
        const long weight = 3;
        // 7 → weight 5: the share is 7 − 2 − 3
        var s = MiscRhythm.After(p, T, 7, dynamic: true, weight);
        Assert.True(s.WeightChanged);
        Assert.Equal(5, weight + p.WeightShare);
        Assert.True(s.FromStart);
        // the same status again: no weight change
        Assert.False(MiscRhythm.After(p, T, 7, true, weight).WeightChanged);
        // 2 → weight 0, still up
        s = MiscRhythm.After(p, T, 2, true, weight);
        Assert.Equal(0, weight + p.WeightShare);
        Assert.True(p.IsUp);
        Assert.Null(s.Report);
        // 0 → the configured weight
        MiscRhythm.After(p, T, 0, true, weight);
        Assert.Equal(weight, weight + p.WeightShare);
        // 1 → down (retry 0), share reset
        s = MiscRhythm.After(p, T, 1, true, weight);
        Assert.True(s.Report is { Up: false });
        Assert.Equal(0, p.WeightShare);
    }

    [Fact]
    public void Without_misc_dynamic_any_non_zero_status_fails()
    {
        var p = new CheckerProgress(CheckerKind.Misc, T);
        Assert.True(MiscRhythm.After(p, T, 2, dynamic: false, 1).Report is { Up: false });
    }

    [Fact]
    public void A_timeout_fails_and_retries_are_spaced_from_the_start_by_delay_before_retry()
    {
        var t = T with { Retry = 1 };
        var p = new CheckerProgress(CheckerKind.Misc, t);
        Assert.True(MiscRhythm.After(p, t, 0, false, 1).Report is { Up: true });
        var retry = MiscRhythm.After(p, t, null, false, 1);
        Assert.Null(retry.Report);
        Assert.Equal(TimeSpan.FromSeconds(1), retry.Delay);
        var down = MiscRhythm.After(p, t, null, false, 1);
        Assert.True(down.Report is { Up: false });
        Assert.Equal(TimeSpan.FromSeconds(5), down.Delay);
    }

    [Fact]
    public void Misc_timeout_zero_is_the_virtual_servers_delay_loop()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), MiscRhythm.Timeout(TimeSpan.Zero, TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(2), MiscRhythm.Timeout(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData(0, 0, false, true, 0)]
    [InlineData(1, 0, false, false, 0)]
    [InlineData(0, 0, true, false, 0)]
    [InlineData(1, 0, true, true, 0)]
    [InlineData(5, 2, false, true, 10)]
    [InlineData(5, 2, true, true, -10)]
    [InlineData(-2000000000, 2, false, false, 0)]
    [InlineData(2000000000, 2, false, true, int.MaxValue)]
    public void File_check_value_times_weight(long value, long weight, bool reverse, bool up, long share)
    {
        Assert.Equal((up, share), FileCheckWeight.For(value, weight, reverse));
    }
}
