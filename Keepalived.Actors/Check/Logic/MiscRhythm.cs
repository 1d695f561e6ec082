namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// MISC_CHECK's result handling (check_misc.c: misc_check_child_thread). Exit status 0 is
/// success; with <c>misc_dynamic</c> 2..255 is success too, with the real server's weight
/// becoming status − 2 (the share is status − 2 − the configured weight, so the other checkers'
/// shares still add up); 1, any other status, a signal or our timeout are failures. The weight
/// is recomputed only when the status differs from the last one that set it. The next run is
/// counted from this run's start.
/// </summary>
public static class MiscRhythm
{
    /// <param name="exitStatus">The script's exit status, or null when a signal (our timeout among them) ended it.</param>
    /// <param name="weight">The real server's configured weight (iweight).</param>
    public static CheckerStep After(CheckerProgress p, CheckerTiming t, int? exitStatus, bool dynamic, long weight)
    {
        CheckerReport? report = null;
        var weightChanged = false;
        if (IsSuccess(exitStatus, dynamic) && exitStatus is { } status)
        {
            if (status != p.LastExitStatus)
            {
                var share = status == 0 ? 0 : status - 2 - weight;
                weightChanged = share != p.WeightShare;
                p.WeightShare = share;
                p.LastExitStatus = status;
            }
            if (!p.IsUp || !p.HasRun) report = CheckerRhythm.Report(p, true);
            p.RetryIt = 0;
        }
        else if (p.IsUp || !p.HasRun)
        {
            if (p.RetryIt < t.Retry)
            {
                p.RetryIt++;
            }
            else
            {
                p.RetryIt = 0;
                if (exitStatus is { } failed) p.LastExitStatus = failed;
                report = CheckerRhythm.Report(p, false);
                weightChanged = p.WeightShare != 0;
                p.WeightShare = 0;
            }
        }
        p.HasRun = true;
        return new CheckerStep(p.RetryIt > 0 ? t.DelayBeforeRetry : t.DelayLoop, report, weightChanged, FromStart: true);
    }

    /// <summary>Status 0, or 2..255 with misc_dynamic: the script says the server is up.</summary>
    public static bool IsSuccess(int? exitStatus, bool dynamic) =>
        exitStatus is { } status && (status == 0 || (dynamic && status is >= 2 and <= 255));

    /// <summary>misc_timeout, or the virtual server's delay_loop when 0 (misc_check_thread passes vs->delay_loop).</summary>
    public static TimeSpan Timeout(TimeSpan miscTimeout, TimeSpan virtualServerDelayLoop) =>
        miscTimeout > TimeSpan.Zero ? miscTimeout : virtualServerDelayLoop;
}
