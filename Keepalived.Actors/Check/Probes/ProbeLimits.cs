namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// The caps we add to keepalived, whose only bound is connect_timeout per step (docs/check.md
/// §4.4): a total time for one run, a cap on the bytes read, and optional TLS verification.
/// </summary>
/// <param name="MaxResponseBytes">bytes read in one run before it fails (keepalived: unbounded).</param>
/// <param name="MaxProbeTime">the whole run (connect, writes, reads); null: connect_timeout × 4.</param>
/// <param name="VerifyTls">SSL_GET checks the certificate chain and host name (keepalived never verifies).</param>
public sealed record ProbeLimits(int MaxResponseBytes = 1 << 20, TimeSpan? MaxProbeTime = null, bool VerifyTls = false)
{
    public static ProbeLimits Default { get; } = new();

    /// <summary>The total cap for a checker with this connect_timeout.</summary>
    public TimeSpan TotalFor(TimeSpan connectTimeout) => MaxProbeTime ?? connectTimeout * 4;
}
