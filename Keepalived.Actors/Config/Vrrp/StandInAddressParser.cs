using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// A small stand-in for keepalived's alloc_ipaddress (the address, its prefix and the common
/// options), used until the global section's address/route/rule parsers are plugged in.
/// Routes and rules are kept as their words.
/// </summary>
internal sealed class StandInAddressParser(VrrpInterfaces interfaces) : IVirtualAddressParser
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
        { "home", "-nodad", "mngtmpaddr", "noprefixroute", "autojoin", "no_track", "use_vmac" };

    public VirtualAddress? ParseAddress(SectionContext context, Tokens line)
    {
        var address = ParseIp(context, line[0]);
        if (address is null) return null;
        string? missing = null;
        var i = 1;
        for (; i < line.Count; i++)
        {
            var word = line[i];
            var hasValue = i + 1 < line.Count;
            if (word is "dev" or "scope" or "broadcast" or "brd" or "label" or "peer" or "preferred_lft")
            {
                if (!hasValue)
                {
                    missing = word;
                    break;
                }
                var value = line[++i];
                switch (word)
                {
                    case "dev":
                        if (address.Device is not null)
                        {
                            context.Report(ConfigErrorKind.GeneralError, $"Cannot specify ipaddress device more than once for {line[0]}");
                            return null;
                        }
                        if (!interfaces.Get(value))
                        {
                            context.Report(ConfigErrorKind.GeneralError, $"WARNING - interface {value} for ip address {line[0]} doesn't exist");
                            return null;
                        }
                        address.Device = value;
                        break;
                    case "scope":
                        if (IsScope(value)) address.Scope = value;
                        else context.Report(ConfigErrorKind.GeneralError, $"Invalid scope '{value}' specified for {line[0]} - ignoring");
                        break;
                    case "label": address.Label = value; break;
                    case "peer": address.Peer = value; break;
                    case "preferred_lft": address.Options.Add($"preferred_lft {value}"); break;
                    default:
                        if (address.Address.AddressFamily == AddressFamily.InterNetworkV6)
                        {
                            context.Report(ConfigErrorKind.GeneralError,
                                $"VRRP is trying to assign a broadcast {value} to the IPv6 address {line[0]} !!?? WTF... skipping VIP...");
                            return null;
                        }
                        if (value is not ("-" or "+") && !IPAddress.TryParse(value, out _))
                        {
                            context.Report(ConfigErrorKind.GeneralError, $"VRRP is trying to assign invalid broadcast {value}. skipping VIP...");
                            return null;
                        }
                        address.Broadcast = value;
                        break;
                }
            }
            else if (Flags.Contains(word))
                address.Options.Add(word);
            else
                context.Report(ConfigErrorKind.GeneralError, $"Unknown configuration entry '{word}' for ip address - ignoring");
        }
        if (missing is not null)
        {
            context.Report(ConfigErrorKind.GeneralError, $"No {missing} parameter specified for {line[0]}");
            return null;
        }
        return address;
    }

    /// <summary>find_rttables_scope: a name of /etc/iproute2/rt_scopes (or the built-in ones) or a number 0-255.</summary>
    private static bool IsScope(string value) =>
        value is "global" or "universe" or "site" or "link" or "host" or "nowhere"
        || (uint.TryParse(value, out var n) && n <= 255);

    public VirtualRouteLine? ParseRoute(SectionContext context, Tokens line) => new(line.From(0).ToArray());

    public VirtualRouteLine? ParseRule(SectionContext context, Tokens line) => new(line.From(0).ToArray());

    /// <summary>parse_ipaddress: ADDRESS[/PREFIX], the family from whether it has a ':'.</summary>
    private static VirtualAddress? ParseIp(SectionContext context, string text)
    {
        var v6 = text.Contains(':');
        var max = v6 ? 128 : 32;
        var prefix = max;
        var slash = text.IndexOf('/');
        var host = slash < 0 ? text : text[..slash];
        if (slash >= 0)
        {
            if (context.Values.ReadUnsigned(text[(slash + 1)..], out var p, 0, (uint)max, true)) prefix = (int)p;
            else
                context.Report(ConfigErrorKind.GeneralError,
                    $"Invalid address prefix len {text[(slash + 1)..]} for address {text} - using {max}");
        }
        if (!InetText.Pton(host, v6, out var address))
        {
            context.Report(ConfigErrorKind.GeneralError, $"VRRP parsed invalid IP {text}. skipping IP...");
            return null;
        }
        return new VirtualAddress(address, prefix);
    }
}
