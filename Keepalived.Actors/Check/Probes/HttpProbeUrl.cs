namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// One url of an HTTP_GET/SSL_GET checker, prepared once: the request bytes, the accepted
/// status codes, the digest and regex, and the TLS names (SNI only with enable_sni).
/// </summary>
public sealed record HttpProbeUrl(
    string Path,
    byte[] Request,
    IReadOnlySet<int> StatusCodes,
    byte[]? Digest = null,
    HttpUrlRegex? Regex = null,
    string? ServerName = null,
    string? VerifyName = null)
{
    /// <summary>status_code's default: 200-299.</summary>
    public static IReadOnlySet<int> DefaultStatusCodes { get; } = Enumerable.Range(200, 100).ToHashSet();
}
