using Keepalived.Actors.Config.Check;

namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// The rhythm a checker follows after each result. keepalived's checkers share the notions
/// (retry, delay_before_retry, delay_loop) but each has its own epilog, and they differ in what
/// happens while the real server is down (docs/check.md §1.4).
/// </summary>
public enum CheckerKind
{
    /// <summary>TCP_CHECK (tcp_epilog): retries go on while down, dl then retry × dbr.</summary>
    Tcp,
    /// <summary>HTTP_GET / SSL_GET (check_http.c: epilog): one URL per run, N+1 good runs to come back.</summary>
    Http,
    /// <summary>UDP_CHECK and PING_CHECK (udp_epilog, icmp_epilog): no retries while down.</summary>
    Datagram,
    /// <summary>DNS_CHECK (dns_final).</summary>
    Dns,
    /// <summary>SMTP_CHECK (smtp_final): every regular run starts with its retries reset, the first one too.</summary>
    Smtp,
    /// <summary>MISC_CHECK (misc_check_child_thread): timed from the script's start, exit status → weight.</summary>
    Misc,
    /// <summary>FILE_CHECK: no timing, follows its track_file.</summary>
    File,
}

public static class CheckerKinds
{
    /// <summary>The kind of <paramref name="checker"/>, or null for one keepalived-net does not run (BFD_CHECK).</summary>
    public static CheckerKind? Of(Checker checker) => checker switch
    {
        TcpChecker => CheckerKind.Tcp,
        HttpChecker => CheckerKind.Http,
        UdpChecker or PingChecker => CheckerKind.Datagram,
        DnsChecker => CheckerKind.Dns,
        SmtpChecker => CheckerKind.Smtp,
        MiscChecker => CheckerKind.Misc,
        FileChecker => CheckerKind.File,
        _ => null,
    };
}
