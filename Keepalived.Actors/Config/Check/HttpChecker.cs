namespace Keepalived.Actors.Config.Check;

/// <summary>HTTP_GET / SSL_GET: requests for urls and their expected answers.</summary>
public sealed class HttpChecker(bool ssl, SourcePosition position) : Checker(position)
{
    public bool Ssl { get; } = ssl;
    public override string Keyword => Ssl ? "SSL_GET" : "HTTP_GET";
    public override TimeSpan? DefaultDelayBeforeRetry => TimeSpan.FromSeconds(3);

    public string? VirtualHost { get; set; }
    /// <summary>http_protocol: 1.0, 1.1 or 1.0C.</summary>
    public string HttpProtocol { get; set; } = "1.0";
    public bool EnableSni { get; set; }
    public bool FastRecovery { get; set; }
    public List<HttpUrl> Urls { get; } = [];
}

/// <summary>url { path, digest, status_code, virtualhost, regex ... }.</summary>
public sealed class HttpUrl
{
    public string? Path { get; set; }
    /// <summary>The MD5 digest expected, 16 bytes.</summary>
    public byte[]? Digest { get; set; }
    /// <summary>Accepted status codes (200-299 when none given).</summary>
    public SortedSet<int> StatusCodes { get; } = [];
    public string? VirtualHost { get; set; }
    public string? Regex { get; set; }
    public bool RegexNoMatch { get; set; }
    public List<string> RegexOptions { get; } = [];
    public ulong RegexMinOffset { get; set; }
    /// <summary>regex_max_offset as given (0: none).</summary>
    public ulong? RegexMaxOffset { get; set; }
    public (ulong Start, ulong Max)? RegexStack { get; set; }
}
