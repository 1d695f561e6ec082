namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// Each checker's epilog from keepalived 2.2.7, as pure functions of (progress, result): the
/// retry counting, when the result reaches the real server, and when the next run is due
/// (docs/check.md §1.4). The branches follow keepalived's source closely, so the rhythm that
/// operators know (a failed first check takes the server down at once; retries spaced by
/// delay_before_retry; HTTP's N+1 good runs to come back) is kept exactly.
/// </summary>
public static class CheckerRhythm
{
    /// <summary>The result of a network probe (success or failure) for a checker of any kind but MISC and FILE.</summary>
    public static CheckerStep After(CheckerProgress p, CheckerTiming t, bool success) => p.Kind switch
    {
        CheckerKind.Tcp => Tcp(p, t, success),
        CheckerKind.Http => Http(p, t, success),
        CheckerKind.Datagram => Datagram(p, t, success),
        CheckerKind.Dns => Dns(p, t, success),
        CheckerKind.Smtp => Smtp(p, t, success),
        _ => throw new ArgumentException($"{p.Kind} has no network result", nameof(p)),
    };

    /// <summary>
    /// A probe that could not even start (socket or bind failed: keepalived's connect_error):
    /// not a failure, the checker tries again after delay_loop with nothing changed.
    /// </summary>
    public static CheckerStep NotRun(CheckerTiming t) => new(t.DelayLoop);

    /// <summary>Reports <paramref name="up"/> with the state before it, and takes it on (set_checker_state, has_run).</summary>
    internal static CheckerReport Report(CheckerProgress p, bool up)
    {
        var report = new CheckerReport(up, p.IsUp, p.HasRun);
        p.IsUp = up;
        p.HasRun = true;
        return report;
    }

    /// <summary>A settled result reaches the real server when it differs from the checker's state, or is its first.</summary>
    private static CheckerReport? Settle(CheckerProgress p, bool success) =>
        success != p.IsUp || !p.HasRun ? Report(p, success) : null;

    private static CheckerStep Tcp(CheckerProgress p, CheckerTiming t, bool success)
    {
        CheckerReport? report = null;
        TimeSpan delay;
        if (success || p.RetryIt >= t.Retry)
        {
            delay = t.DelayLoop;
            p.RetryIt = 0;
            report = Settle(p, success);
        }
        else
        {
            // retries go on while the server is down too
            delay = t.DelayBeforeRetry;
            p.RetryIt++;
        }
        p.HasRun = true;
        return new CheckerStep(delay, report);
    }

    private static CheckerStep Datagram(CheckerProgress p, CheckerTiming t, bool success)
    {
        CheckerReport? report = null;
        var delay = t.DelayLoop;
        if (success || ((p.IsUp || !p.HasRun) && p.RetryIt >= t.Retry))
        {
            p.RetryIt = 0;
            report = Settle(p, success);
        }
        else if (p.IsUp)
        {
            delay = t.DelayBeforeRetry;
            p.RetryIt++;
        }
        p.HasRun = true;
        return new CheckerStep(delay, report);
    }

    private static CheckerStep Dns(CheckerProgress p, CheckerTiming t, bool success)
    {
        CheckerReport? report = null;
        if (!success)
        {
            if (p.IsUp || !p.HasRun)
            {
                if (p.RetryIt < t.Retry)
                {
                    p.RetryIt++;
                    p.HasRun = true;
                    return new CheckerStep(t.DelayBeforeRetry);
                }
                report = Report(p, false);
            }
        }
        else if (!p.IsUp || !p.HasRun)
        {
            report = Report(p, true);
        }
        p.RetryIt = 0;
        return new CheckerStep(t.DelayLoop, report);
    }

    private static CheckerStep Smtp(CheckerProgress p, CheckerTiming t, bool success)
    {
        CheckerReport? report = null;
        if (!success)
        {
            if (++p.RetryIt <= t.Retry) return new CheckerStep(t.DelayBeforeRetry);
            if (p.IsUp || !p.HasRun) report = Report(p, false);
        }
        else
        {
            if (!p.IsUp || !p.HasRun) report = Report(p, true);
            p.HasRun = true;
        }
        // smtp_start_check_thread: the next regular run starts with its retries reset
        p.RetryIt = 0;
        return new CheckerStep(t.DelayLoop, report);
    }

    /// <summary>check_http.c's epilog: REGISTER_CHECKER_NEW on success, REGISTER_CHECKER_RETRY on failure.</summary>
    private static CheckerStep Http(CheckerProgress p, CheckerTiming t, bool success)
    {
        CheckerReport? report = null;
        if (success)
        {
            p.Url = p.Url + 1 >= t.Urls ? -1 : p.Url + 1;
            p.RetryIt = 0;
        }
        else
        {
            p.RetryIt++;
        }

        if (success && p.Url < 0 && p.FailedUrl < 0)
        {
            // every URL passed in turn
            if (!p.IsUp || !p.HasRun) report = Report(p, true);
            p.HasRun = true;
            p.Url = 0;
            p.RetryIt = 0;
        }
        else if (!success && p.RetryIt > t.Retry)
        {
            if (p.IsUp || !p.HasRun) report = Report(p, false);
            p.FailedUrl = p.Url;
        }
        else if (success && p.FailedUrl >= 0)
        {
            // the failed URL answers again: walk the whole list before coming back
            p.FailedUrl = -1;
            p.Url = 0;
            p.RetryIt = 0;
        }

        TimeSpan delay;
        if (success)
        {
            delay = t.DelayLoop;
            if (!p.HasRun) p.RetryIt = t.Retry;
        }
        else
        {
            delay = p.FailedUrl >= 0 ? Max(t.DelayBeforeRetry, t.DelayLoop) : t.DelayBeforeRetry;
        }
        if (t.FastRecovery && (!p.HasRun || (!p.IsUp && p.FailedUrl < 0))) delay = TimeSpan.Zero;
        return new CheckerStep(delay, report);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
