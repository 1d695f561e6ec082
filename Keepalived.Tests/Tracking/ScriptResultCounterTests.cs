using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Tracking;

namespace Keepalived.Tests.Tracking;

public sealed class ScriptResultCounterTests
{
    [Fact]
    public void The_first_result_decides_at_once_whatever_rise_and_fall()
    {
        var up = new ScriptResultCounter(rise: 3, fall: 4, initFail: false);
        Assert.Null(up.Up);
        Assert.Equal(2, up.Result);
        Assert.True(up.Record(true));
        Assert.True(up.Up);
        Assert.Equal(6, up.Result);

        var down = new ScriptResultCounter(rise: 3, fall: 4, initFail: false);
        Assert.True(down.Record(false));
        Assert.False(down.Up);
        Assert.Equal(0, down.Result);
    }

    [Fact]
    public void Rise_successes_bring_it_up_and_fall_failures_take_it_down()
    {
        var c = new ScriptResultCounter(rise: 2, fall: 3, initFail: false);
        c.Record(false);
        Assert.False(c.Record(true));
        Assert.True(c.Record(true));
        Assert.True(c.Up);
        Assert.False(c.Record(false));
        Assert.False(c.Record(false));
        // a success while up starts the fall count again
        Assert.False(c.Record(true));
        Assert.Equal(4, c.Result);
        Assert.False(c.Record(false));
        Assert.False(c.Record(false));
        Assert.True(c.Record(false));
        Assert.False(c.Up);
    }

    [Fact]
    public void Init_fail_starts_down_and_needs_rise_successes()
    {
        var c = new ScriptResultCounter(rise: 2, fall: 1, initFail: true);
        Assert.False(c.Up);
        Assert.False(c.Record(false));
        Assert.False(c.Record(true));
        Assert.True(c.Record(true));
        Assert.True(c.Up);
    }

    /// <summary>A plain model: up after rise successes in a row while down, down after fall failures in a row while up.</summary>
    [Fact]
    public void Counter_matches_a_streak_model_and_keepalived_status_rule()
    {
        Prop.ForAll<(byte R, byte F, bool InitFail), bool[]>((setup, runs) =>
        {
            var (r, f, initFail) = setup;
            int rise = r % 5 + 1, fall = f % 5 + 1;
            var c = new ScriptResultCounter(rise, fall, initFail);
            bool? model = initFail ? false : null;
            int streak = 0;
            bool lastSuccess = false;
            foreach (var success in runs)
            {
                streak = success == lastSuccess ? streak + 1 : 1;
                lastSuccess = success;
                var before = model;
                if (model is null) model = success;
                else if (success && model == false && streak >= rise) model = true;
                else if (!success && model == true && streak >= fall) model = false;
                if (c.Record(success) != (before != model)) return false;
                if (c.Up != model) return false;
                if (c.Result < 0 || c.Result > rise + fall - 1) return false;
                // keepalived's dump: GOOD when result >= rise
                if (c.Up != c.Result >= rise) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
