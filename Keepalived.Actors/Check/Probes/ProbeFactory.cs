using System.Net;
using Keepalived.Actors.Config.Check;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// Builds the network probe of a validated checker: its target from conn_opts_t and, for
/// HTTP_GET/SSL_GET, the prepared urls with their Host, SNI, digest and regex.
/// </summary>
public static class ProbeFactory
{
    /// <summary>null for checkers that are not network probes (MISC_CHECK, FILE_CHECK, BFD_CHECK).</summary>
    public static IProbe? Create(Checker checker, RealServer realServer, VirtualServer virtualServer, CheckConfig config, ProbeLimits limits)
    {
        if (checker is MiscChecker or FileChecker or BfdChecker) return null;
        var target = Target(checker, realServer, virtualServer);
        if (target is null) return new UnusableProbe($"{checker.Keyword} has no address to check");
        return checker switch
        {
            TcpChecker => new TcpProbe(target, limits),
            HttpChecker http => new HttpProbe(target, Urls(http, realServer, virtualServer, target), http.Ssl ? new TlsSettings(config.Ssl, limits.VerifyTls) : null, limits),
            SmtpChecker smtp => new SmtpProbe(target, smtp.HeloName ?? SmtpChecker.DefaultHeloName, limits),
            DnsChecker dns => new DnsProbe(target, dns.Type, dns.Name, limits),
            UdpChecker udp => new UdpProbe(target, udp, limits),
            PingChecker => new PingProbe(target, limits),
            _ => null,
        };
    }

    /// <summary>
    /// conn_opts_t as the checker runs with it: connect_ip/connect_port (the real server's
    /// address and port as written by default), bindto/bind_port, bind_if, fwmark, and
    /// connect_timeout (checker, else real server, else virtual server).
    /// </summary>
    public static ProbeTarget? Target(Checker checker, RealServer realServer, VirtualServer virtualServer)
    {
        var co = checker.Connection;
        var destination = co?.Destination is { Address: not null } d ? d : realServer.Address;
        if (destination.Address is null) return null;
        var timeout = co?.ConnectTimeout ?? realServer.ConnectTimeout ?? virtualServer.ConnectTimeout;
        var bind = co is null ? null : ProbeSocket.BindEndPoint(co.BindTo.Address, co.BindTo.Port, destination.Family);
        return new ProbeTarget(new IPEndPoint(destination.Address, destination.Port), timeout, bind, co?.BindInterface, co?.Fwmark ?? 0);
    }

    private static List<HttpProbeUrl> Urls(HttpChecker http, RealServer realServer, VirtualServer virtualServer, ProbeTarget target)
    {
        var urls = new List<HttpProbeUrl>();
        foreach (var url in http.Urls)
        {
            if (url.Path is null) continue; // keepalived drops a url without path
            var virtualHost = url.VirtualHost ?? http.VirtualHost ?? realServer.VirtualHost ?? virtualServer.VirtualHost;
            // enable_sni: url, checker, then the virtual server's virtualhost (not the real server's).
            var serverName = http.EnableSni ? url.VirtualHost ?? http.VirtualHost ?? virtualServer.VirtualHost : null;
            var regex = url.Regex is { } pattern
                ? new HttpUrlRegex(pattern, url.RegexOptions, url.RegexNoMatch, url.RegexMinOffset, url.RegexMaxOffset, target.ConnectTimeout)
                : null;
            urls.Add(new HttpProbeUrl(
                url.Path,
                HttpRequest.Build(url.Path, http.HttpProtocol, HttpRequest.Host(virtualHost, target.Destination)),
                url.StatusCodes.Count > 0 ? url.StatusCodes.ToHashSet() : HttpProbeUrl.DefaultStatusCodes,
                url.Digest,
                regex,
                serverName,
                serverName ?? virtualHost));
        }
        return urls;
    }
}
