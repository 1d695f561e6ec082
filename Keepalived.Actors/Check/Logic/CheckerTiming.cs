using Keepalived.Actors.Config.Check;

namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// One checker's timing settings as keepalived runs them (after validate_check_config has
/// filled them from the real and virtual server): delay_loop, delay_before_retry, retry,
/// warmup, alpha; <paramref name="Urls"/> is the HTTP checker's URL count (1 for the others).
/// </summary>
public sealed record CheckerTiming(
    TimeSpan DelayLoop,
    TimeSpan DelayBeforeRetry,
    uint Retry,
    TimeSpan Warmup,
    bool Alpha,
    bool FastRecovery = false,
    int Urls = 1)
{
    /// <summary>keepalived's BOOTSTRAP_DELAY: the first check never comes sooner (lib/scheduler.h).</summary>
    public static readonly TimeSpan BootstrapDelay = TimeSpan.FromSeconds(1);

    public static CheckerTiming Of(Checker checker)
    {
        var delayLoop = checker.DelayLoop ?? TimeSpan.FromSeconds(60);
        return new CheckerTiming(
            delayLoop,
            checker.DelayBeforeRetry ?? checker.DefaultDelayBeforeRetry ?? delayLoop,
            checker.Retry ?? checker.DefaultRetry,
            checker.Warmup ?? delayLoop,
            checker.Alpha ?? false,
            checker is HttpChecker { FastRecovery: true },
            checker is HttpChecker http ? Math.Max(1, http.Urls.Count) : 1);
    }

    /// <summary>
    /// When the first check runs: 1 s + warmup × u for u in [0, 1] (register_checkers_thread),
    /// at start and again after every reload, so that checks spread over the warmup.
    /// </summary>
    public TimeSpan FirstDelay(double u) => BootstrapDelay + Warmup * Math.Clamp(u, 0, 1);
}
