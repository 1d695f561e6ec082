using Keepalived.Actors.Check.Logic;

namespace Keepalived.Tests.Check.Logic;

/// <summary>A real server follows its checkers (update_svr_checker_state).</summary>
public sealed class RealServerHealthTests
{
    private static readonly CheckerTiming T = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), 0, TimeSpan.Zero, false);

    [Fact]
    public void The_server_is_down_while_any_checker_is_and_up_when_the_last_comes_back()
    {
        var a = new CheckerProgress(CheckerKind.Tcp, T);
        var b = new CheckerProgress(CheckerKind.Tcp, T);
        var rs = new RealServerHealth(1, [true, true]);
        Assert.Equal(HealthChange.Down, rs.Apply(0, CheckerRhythm.After(a, T, false).Report!.Value, false));
        Assert.Equal(HealthChange.None, rs.Apply(1, CheckerRhythm.After(b, T, false).Report!.Value, false));
        Assert.Equal(HealthChange.None, rs.Apply(0, CheckerRhythm.After(a, T, true).Report!.Value, false));
        Assert.Equal(HealthChange.Up, rs.Apply(1, CheckerRhythm.After(b, T, true).Report!.Value, false));
    }

    [Fact]
    public void An_unchanged_first_result_notifies_only_under_alpha_or_for_a_failure()
    {
        var rs = new RealServerHealth(1, [true]);
        Assert.Equal(HealthChange.None, rs.Apply(0, new CheckerReport(true, true, false), false));
        Assert.Equal(HealthChange.NotifyOnly, rs.Apply(0, new CheckerReport(true, true, false), true));
        Assert.Equal(HealthChange.NotifyOnly, rs.Apply(0, new CheckerReport(false, false, false), false));
        Assert.Equal(HealthChange.None, rs.Apply(0, new CheckerReport(false, false, true), true));
    }

    [Fact]
    public void The_effective_weight_adds_the_checkers_shares()
    {
        var rs = new RealServerHealth(3, [true, true]);
        Assert.True(rs.SetShare(0, 4));
        Assert.False(rs.SetShare(0, 4));
        rs.SetShare(1, -2);
        Assert.Equal(5, rs.EffectiveWeight);
    }
}
