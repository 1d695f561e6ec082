namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// What a checker remembers between runs (keepalived's checker_t fields): whether it is up,
/// whether it has reported a result yet, its retry count, the HTTP checker's URL position and
/// failed URL, the MISC checker's last exit status and its share of the weight. It is kept by
/// whoever owns the checker's life (the real server), so a restarted checker actor goes on
/// where it was.
/// </summary>
public sealed class CheckerProgress
{
    /// <summary>A checker starts up, or down under alpha (validate_check_config).</summary>
    public CheckerProgress(CheckerKind kind, CheckerTiming timing)
    {
        Kind = kind;
        IsUp = !timing.Alpha;
        // "one failure is enough initially"; SMTP zeroes it at the start of every regular run
        RetryIt = kind == CheckerKind.Smtp ? 0 : timing.Retry;
    }

    public CheckerKind Kind { get; }
    public bool IsUp { get; internal set; }
    public bool HasRun { get; internal set; }
    public uint RetryIt { get; internal set; }
    /// <summary>HTTP: the URL fetched next (url_it); -1 once the list was walked.</summary>
    public int Url { get; internal set; }
    /// <summary>HTTP: the URL that failed its retries (failed_url), or -1.</summary>
    public int FailedUrl { get; internal set; } = -1;
    /// <summary>MISC: the exit status that last set the weight (last_exit_code); -1: none yet.</summary>
    public int LastExitStatus { get; internal set; } = -1;
    /// <summary>This checker's share of the real server's weight (cur_weight: misc_dynamic, FILE_CHECK).</summary>
    public long WeightShare { get; internal set; }
    /// <summary>Good results in a row (keepalived-net's <c>rise</c>).</summary>
    public int GoodRun { get; internal set; }

    /// <summary>The checker of a real server added by a reload: its first failure is retried (retry_it is not preset on reload).</summary>
    public static CheckerProgress ForReload(CheckerKind kind, CheckerTiming timing) =>
        new(kind, timing) { RetryIt = 0 };

    public override string ToString() =>
        $"{Kind} up={IsUp} run={HasRun} retry_it={RetryIt} url={Url} failed={FailedUrl} exit={LastExitStatus} share={WeightShare}";
}
