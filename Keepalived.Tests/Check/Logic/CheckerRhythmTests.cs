using Keepalived.Actors.Check.Logic;

namespace Keepalived.Tests.Check.Logic;

/// <summary>Each checker's epilog, as keepalived 2.2.7 runs it (docs/check.md §1.4).</summary>
public sealed class CheckerRhythmTests
{
    private static readonly TimeSpan Dl = TimeSpan.FromSeconds(10), Dbr = TimeSpan.FromSeconds(3);

    private static CheckerTiming Timing(uint retry = 1, bool alpha = false, int urls = 1, bool fast = false) =>
        new(Dl, Dbr, retry, Dl, alpha, fast, urls);

    /// <summary>Feeds results and returns each step's delay and report ("+" up, "-" down, "" none).</summary>
    private static List<string> Run(CheckerKind kind, CheckerTiming t, params bool[] results)
    {
        var p = new CheckerProgress(kind, t);
        return results.Select(r => Describe(CheckerRhythm.After(p, t, r))).ToList();
    }

    private static string Describe(CheckerStep s) =>
        $"{s.Delay.TotalSeconds}{(s.Report is { } r ? r.Up ? "+" : "-" : "")}";

    [Theory]
    [InlineData(CheckerKind.Tcp)]
    [InlineData(CheckerKind.Http)]
    [InlineData(CheckerKind.Datagram)]
    [InlineData(CheckerKind.Dns)]
    public void A_failed_first_check_takes_the_server_down_without_retries(CheckerKind kind)
    {
        var step = Run(kind, Timing(retry: kind == CheckerKind.Dns ? 3u : 1u), false)[0];
        Assert.EndsWith("-", step);
    }

    [Fact]
    public void Smtp_retries_its_first_failure()
    {
        // smtp_start_check_thread zeroes retry_it before every regular run, the first one too
        Assert.Equal(["3", "10-"], Run(CheckerKind.Smtp, Timing(), false, false));
    }

    [Fact]
    public void A_first_success_is_reported_once()
    {
        Assert.Equal(["10+", "10", "10"], Run(CheckerKind.Tcp, Timing(), true, true, true));
    }

    [Fact]
    public void Tcp_retries_while_up_and_keeps_retrying_while_down()
    {
        // up; fails: dbr, then down after retry+1 failures; while down dl and dbr alternate
        Assert.Equal(["10+", "3", "10-", "3", "10", "3", "10+"],
            Run(CheckerKind.Tcp, Timing(), true, false, false, false, false, false, true));
    }

    [Fact]
    public void Datagram_checkers_do_not_retry_while_down()
    {
        Assert.Equal(["10+", "3", "10-", "10", "10", "10+"],
            Run(CheckerKind.Datagram, Timing(), true, false, false, false, false, true));
    }

    [Fact]
    public void Http_with_one_url_needs_two_good_checks_to_come_back_and_waits_the_longer_delay_while_down()
    {
        var t = new CheckerTiming(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), 1, TimeSpan.FromSeconds(2), false);
        var p = new CheckerProgress(CheckerKind.Http, t);
        var steps = new[] { true, false, false, false, true, true }.Select(r => Describe(CheckerRhythm.After(p, t, r))).ToList();
        // down: max(dbr 3, dl 2); the failed URL passes (no report), then the whole list passes
        Assert.Equal(["2+", "3", "3-", "3", "2", "2+"], steps);
    }

    [Fact]
    public void Http_with_two_urls_walks_the_list_one_url_per_run()
    {
        var t = Timing(urls: 2);
        var p = new CheckerProgress(CheckerKind.Http, t);
        var first = CheckerRhythm.After(p, t, true);
        Assert.Null(first.Report); // the first URL passed; the second is still to come
        Assert.Equal(1, p.Url);
        Assert.True(CheckerRhythm.After(p, t, true).Report is { Up: true });
        Assert.Equal(0, p.Url);
        // down on URL 0, then N+1 = 3 good runs to come back
        CheckerRhythm.After(p, t, false);
        Assert.True(CheckerRhythm.After(p, t, false).Report is { Up: false });
        Assert.Null(CheckerRhythm.After(p, t, true).Report);
        Assert.Null(CheckerRhythm.After(p, t, true).Report);
        Assert.True(CheckerRhythm.After(p, t, true).Report is { Up: true });
    }

    [Fact]
    public void Http_first_pass_failure_of_a_later_url_is_not_retried()
    {
        var t = Timing(urls: 2);
        var p = new CheckerProgress(CheckerKind.Http, t);
        CheckerRhythm.After(p, t, true);
        Assert.True(CheckerRhythm.After(p, t, false).Report is { Up: false });
    }

    [Fact]
    public void Http_fast_recovery_runs_again_at_once_until_the_list_has_passed()
    {
        var t = Timing(urls: 2, fast: true);
        var p = new CheckerProgress(CheckerKind.Http, t);
        Assert.Equal(TimeSpan.Zero, CheckerRhythm.After(p, t, true).Delay);
        Assert.Equal(Dl, CheckerRhythm.After(p, t, true).Delay);
    }

    [Fact]
    public void Dns_retries_while_up_with_its_delay_before_retry()
    {
        Assert.Equal(["10+", "3", "3", "3", "10-"], Run(CheckerKind.Dns, Timing(retry: 3), true, false, false, false, false));
    }

    [Fact]
    public void An_alpha_checker_starts_down_and_its_first_failure_is_reported_unchanged()
    {
        var t = Timing(alpha: true);
        var p = new CheckerProgress(CheckerKind.Tcp, t);
        Assert.False(p.IsUp);
        var report = CheckerRhythm.After(p, t, false).Report!.Value;
        Assert.False(report.Changed);
        Assert.False(report.HadRun);
    }

    [Fact]
    public void A_checker_added_by_a_reload_retries_its_first_failure()
    {
        var t = Timing();
        var p = CheckerProgress.ForReload(CheckerKind.Tcp, t);
        Assert.Null(CheckerRhythm.After(p, t, false).Report);
    }

    [Fact]
    public void A_probe_that_could_not_start_changes_nothing()
    {
        var t = Timing();
        Assert.Equal(new CheckerStep(Dl), CheckerRhythm.NotRun(t));
    }

    [Fact]
    public void The_first_check_comes_one_second_plus_a_share_of_the_warmup()
    {
        var t = Timing();
        Assert.Equal(TimeSpan.FromSeconds(1), t.FirstDelay(0));
        Assert.Equal(TimeSpan.FromSeconds(6), t.FirstDelay(0.5));
        Assert.Equal(TimeSpan.FromSeconds(11), t.FirstDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(1), (t with { Warmup = TimeSpan.Zero }).FirstDelay(0.7));
    }
}

/// <summary>keepalived-net's rise: a down checker comes back after that many good results in a row.</summary>
public sealed class CheckerRiseTests
{
    private static readonly CheckerTiming T = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), 0, TimeSpan.Zero, false);

    private static bool? Feed(CheckerProgress p, bool good, int rise) =>
        CheckerRise.Apply(p, CheckerRhythm.After(p, T, good), good, rise).Report?.Up;

    [Fact]
    public void Rise_three_holds_the_report_until_the_third_good_result_in_a_row()
    {
        var p = new CheckerProgress(CheckerKind.Tcp, T);
        Assert.Equal(false, Feed(p, false, 3));
        Assert.Null(Feed(p, true, 3));
        Assert.Null(Feed(p, true, 3));
        Assert.False(p.IsUp);
        Assert.Equal(true, Feed(p, true, 3));
        Assert.True(p.IsUp);
    }

    [Fact]
    public void A_failure_in_between_starts_the_count_again()
    {
        var p = new CheckerProgress(CheckerKind.Datagram, T);
        Feed(p, false, 2);
        Assert.Null(Feed(p, true, 2));
        Assert.Null(Feed(p, false, 2));
        Assert.Null(Feed(p, true, 2));
        Assert.Equal(true, Feed(p, true, 2));
    }

    [Fact]
    public void Rise_one_is_keepalived()
    {
        var p = new CheckerProgress(CheckerKind.Tcp, T);
        Feed(p, false, 1);
        Assert.Equal(true, Feed(p, true, 1));
    }
}
