namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// The outcome of one probe run: the verdict, why (for the log, null on success) and, for
/// checkers that run a program, its exit code.
/// </summary>
public readonly record struct ProbeResult(ProbeVerdict Verdict, string? Reason = null, int ExitCode = 0)
{
    public static ProbeResult Ok => new(ProbeVerdict.Success);

    public static ProbeResult Fail(string reason) => new(ProbeVerdict.Failure, reason);

    /// <summary>connect_error: nothing was checked, the state must not change.</summary>
    public static ProbeResult NotRun(string reason) => new(ProbeVerdict.NotRun, reason);

    public bool IsSuccess => Verdict == ProbeVerdict.Success;

    public override string ToString() => Reason is null ? Verdict.ToString() : $"{Verdict}: {Reason}";
}
