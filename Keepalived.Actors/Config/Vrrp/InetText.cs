using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>Address text as keepalived reads it (inet_pton, inet_stosockaddr).</summary>
internal static class InetText
{
    /// <summary>inet_pton: IPv4 only as four decimal octets without leading zeros.</summary>
    public static bool Pton(string text, bool v6, out IPAddress address)
    {
        address = IPAddress.None;
        if (v6)
            return !text.Contains('%') && IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;
        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0') || int.Parse(p) > 255))
            return false;
        address = IPAddress.Parse(text);
        return true;
    }

    /// <summary>inet_stosockaddr without a port: the family from a ':', a "-range" or "/mask" ignored; null when invalid.</summary>
    public static IPAddress? StoSockaddr(string text)
    {
        var cut = text.IndexOf('-');
        if (cut < 0) cut = text.IndexOf('/');
        var host = cut < 0 ? text : text[..cut];
        return Pton(host, text.Contains(':'), out var address) ? address : null;
    }
}
