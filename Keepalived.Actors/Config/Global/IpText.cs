using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Config.Global;

/// <summary>Address text as keepalived reads it (inet_pton, parse_ipaddress, parse_route).</summary>
public static class IpText
{
    /// <summary>inet_pton for the family the text implies (':' = IPv6): no shorthand IPv4, no scope ids.</summary>
    public static bool TryParse(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':'))
        {
            if (text.Contains('%') || text.Contains('/') || !IPAddress.TryParse(text, out var v6) ||
                v6.AddressFamily != AddressFamily.InterNetworkV6) return false;
            address = v6;
            return true;
        }
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0')) return false;
            var v = int.Parse(p, CultureInfo.InvariantCulture);
            if (v > 255) return false;
            bytes[i] = (byte)v;
        }
        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>
    /// parse_ipaddress: ADDRESS[/PREFIX]; a bad prefix is reported and the full length used; an
    /// address that does not parse is reported ("VRRP parsed invalid IP") and gives false.
    /// </summary>
    public static bool ParseAddress(SectionContext context, string text, bool allowPrefix, out IPAddress address, out int prefix)
    {
        var v6 = text.Contains(':');
        prefix = v6 ? 128 : 32;
        var slash = allowPrefix ? text.IndexOf('/') : -1;
        var addressText = text;
        if (slash >= 0)
        {
            var p = text[(slash + 1)..];
            if (!context.Values.ReadUnsigned(p, out var len, 0, (uint)prefix, ignoreError: true))
                context.Report(Parser.ConfigErrorKind.GeneralError, $"Invalid address prefix len {p} for address {text} - using {prefix}");
            else
                prefix = (int)len;
            addressText = text[..slash];
        }
        if (TryParse(addressText, out address) && address.AddressFamily == (v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
            return true;
        context.Report(Parser.ConfigErrorKind.GeneralError, $"VRRP parsed invalid IP {text}. skipping IP...");
        return false;
    }

    /// <summary>
    /// parse_route: default/any/all (family left open), default6 (IPv6, deprecated) or ADDRESS[/PREFIX].
    /// </summary>
    public static RouteAddress? ParseRoute(SectionContext context, string text)
    {
        if (text is "default" or "any" or "all") return new RouteAddress(null, 0, null);
        if (text == "default6")
        {
            context.Parser.Log("'default6' is deprecated - please replace with 'inet6 default'");
            return new RouteAddress(null, 0, AddressFamily.InterNetworkV6);
        }
        return ParseAddress(context, text, true, out var a, out var p) ? new RouteAddress(a, p, a.AddressFamily) : null;
    }
}

/// <summary>A route or rule destination/source: an address with prefix, or "default" (Address null).</summary>
public sealed record RouteAddress(IPAddress? Address, int PrefixLength, AddressFamily? Family)
{
    public override string ToString() => Address is null
        ? Family == AddressFamily.InterNetworkV6 ? "default6" : "default"
        : $"{Address}/{PrefixLength}";
}
