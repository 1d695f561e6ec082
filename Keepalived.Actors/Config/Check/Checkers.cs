namespace Keepalived.Actors.Config.Check;

/// <summary>TCP_CHECK: a connection to the port is the test.</summary>
public sealed class TcpChecker(SourcePosition position) : Checker(position)
{
    public override string Keyword => "TCP_CHECK";
}

/// <summary>PING_CHECK: an ICMP echo.</summary>
public sealed class PingChecker(SourcePosition position) : Checker(position)
{
    public override string Keyword => "PING_CHECK";
}

/// <summary>UDP_CHECK: a datagram, optionally with a required reply.</summary>
public sealed class UdpChecker(SourcePosition position) : Checker(position)
{
    public override string Keyword => "UDP_CHECK";
    public byte[]? Payload { get; set; }
    public bool RequireReply { get; set; }
    public byte[]? ReplyData { get; set; }
    /// <summary>Nibbles given as x/X (wildcards) in the reply, or null.</summary>
    public byte[]? ReplyMask { get; set; }
    public uint MinReplyLength { get; set; }
    public uint MaxReplyLength { get; set; } = 255;
}

/// <summary>DNS_CHECK: a query of type (default SOA) for name (default the root).</summary>
public sealed class DnsChecker(SourcePosition position) : Checker(position)
{
    public override string Keyword => "DNS_CHECK";
    public override uint DefaultRetry => 3;
    public override TimeSpan? DefaultDelayBeforeRetry => null;
    public string Type { get; set; } = "SOA";
    public string? Name { get; set; }
}

/// <summary>SMTP_CHECK: a HELO conversation; deprecated host blocks become further checkers.</summary>
public sealed class SmtpChecker(SourcePosition position) : Checker(position)
{
    public override string Keyword => "SMTP_CHECK";
    public const string DefaultHeloName = "smtpchecker.keepalived.org";
    public string? HeloName { get; set; }
}

/// <summary>MISC_CHECK: a script's exit status.</summary>
public sealed class MiscChecker(SourcePosition position) : Checker(position)
{
    public override string Keyword => "MISC_CHECK";
    public override uint DefaultRetry => 0;
    public Model.NotifyScript? Script { get; set; }
    /// <summary>misc_timeout in seconds (0: the delay_loop).</summary>
    public TimeSpan Timeout { get; set; }
    public bool Dynamic { get; set; }
}

/// <summary>FILE_CHECK: the weight follows a track_file.</summary>
public sealed class FileChecker(SourcePosition position) : Checker(position)
{
    public override string Keyword => "FILE_CHECK";
    public override bool Launched => false;
    public string? TrackFile { get; set; }
    /// <summary>Null: the track_file's own weight.</summary>
    public int? Weight { get; set; }
    public bool WeightReverse { get; set; }
}

/// <summary>BFD_CHECK: the real server follows a BFD session.</summary>
public sealed class BfdChecker(SourcePosition position) : Checker(position)
{
    public override string Keyword => "BFD_CHECK";
    public override bool Launched => false;
    public string? Name { get; set; }
}
