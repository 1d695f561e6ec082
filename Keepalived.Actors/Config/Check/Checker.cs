namespace Keepalived.Actors.Config.Check;

/// <summary>
/// A health checker of a real server (TCP_CHECK, HTTP_GET, MISC_CHECK ...) with the keywords
/// they share (retry, delay_before_retry, warmup, delay_loop, alpha, log_all_failures).
/// Null settings were not given; the check after parsing fills them from the real server
/// and the checker's own defaults, as keepalived does.
/// </summary>
public abstract class Checker(SourcePosition position)
{
    /// <summary>The block keyword (TCP_CHECK ...).</summary>
    public abstract string Keyword { get; }
    public SourcePosition Position { get; } = position;

    /// <summary>connect_ip, connect_port, bindto ... (null for MISC_CHECK, FILE_CHECK, BFD_CHECK).</summary>
    public ConnectionOptions? Connection { get; set; }

    public uint? Retry { get; set; }
    public TimeSpan? DelayBeforeRetry { get; set; }
    public TimeSpan? Warmup { get; set; }
    public TimeSpan? DelayLoop { get; set; }
    public bool? Alpha { get; set; }
    public bool LogAllFailures { get; set; }

    /// <summary>The retry count when neither checker nor real server gives one.</summary>
    public virtual uint DefaultRetry => 1;
    /// <summary>delay_before_retry when not given; null means the delay_loop.</summary>
    public virtual TimeSpan? DefaultDelayBeforeRetry => TimeSpan.FromSeconds(1);
    /// <summary>False for checkers keepalived does not launch itself (FILE_CHECK, BFD_CHECK): no timing defaults.</summary>
    public virtual bool Launched => true;
}

/// <summary>Where a checker connects: destination, source, interface, timeout, fwmark (conn_opts_t).</summary>
public sealed class ConnectionOptions
{
    /// <summary>connect_ip / connect_port (the real server's address by default).</summary>
    public InetAddress Destination { get; set; }
    /// <summary>bindto / bind_port.</summary>
    public InetAddress BindTo { get; set; }
    public string? BindInterface { get; set; }
    /// <summary>connect_timeout; null until defaulted from the real and virtual server.</summary>
    public TimeSpan? ConnectTimeout { get; set; }
    public uint Fwmark { get; set; }

    public ConnectionOptions Clone() => (ConnectionOptions)MemberwiseClone();
}
