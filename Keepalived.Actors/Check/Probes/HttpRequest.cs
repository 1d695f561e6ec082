using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// The one request HTTP_GET/SSL_GET sends per run (check_http.c REQUEST_TEMPLATE*): the
/// request line, User-Agent: KeepAliveClient, Connection: close only for http_protocol 1.1
/// and 1.0C, Host, and nothing else.
/// </summary>
public static class HttpRequest
{
    /// <summary>http_protocol 1.0 (the default), 1.1 or 1.0C ("1.0 with Connection: close").</summary>
    public static byte[] Build(string path, string httpProtocol, string host)
    {
        var version = httpProtocol == "1.1" ? "1.1" : "1.0";
        var close = httpProtocol is "1.1" or "1.0C" ? "Connection: close\r\n" : "";
        return Encoding.UTF8.GetBytes($"GET {path} HTTP/{version}\r\nUser-Agent: KeepAliveClient\r\n{close}Host: {host}\r\n\r\n");
    }

    /// <summary>
    /// The Host header: the first virtualhost of url, checker, real server, virtual server
    /// (no port added); else the target address and port, an IPv6 address in brackets.
    /// </summary>
    public static string Host(string? virtualHost, IPEndPoint target) =>
        virtualHost ?? (target.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{new IPAddress(target.Address.GetAddressBytes())}]:{target.Port}" // inet_ntop: no scope id
            : $"{target.Address}:{target.Port}");
}
