using System.Globalization;
using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Global;

/// <summary>
/// One line of static_rules / virtual_rules (keepalived's alloc_rule): iproute2's rule syntax.
/// A rule without a preference gets the next one counting down from 16384 per address family
/// (one counter shared by static and virtual rules, in file order).
/// </summary>
public static class IpRuleParser
{
    /// <summary>Parses one rule line; null when keepalived drops it (after reporting why).</summary>
    public static IpRule? Parse(SectionContext context, Tokens t, bool allowTrackGroup)
    {
        var rule = new IpRule { Position = context.Here() };
        AddressFamily? family = null;
        var tableOption = false;
        var havePreference = false;
        var c = context;
        void Error(string m) => c.Report(ConfigErrorKind.GeneralError, m);
        bool SetFamily(AddressFamily? f, string message)
        {
            if (f is null) return true;
            if (family is null) family = f;
            else if (family != f) { Error(message); return false; }
            return true;
        }
        bool SetAction(string action, string message)
        {
            if (rule.Action != "") { Error(message); return false; }
            rule.Action = action;
            return true;
        }
        const string tooMany = "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable/l3mdev for rule";

        for (var i = 0; i < t.Count; i++)
        {
            var w = t[i];
            switch (w)
            {
                case "inet6" or "inet":
                    if (!SetFamily(w == "inet6" ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork,
                            w == "inet6" ? "inet6 specified for IPv4 rule" : "inet specified for IPv6 rule")) return null;
                    break;
                case "from" or "to":
                {
                    var a = IpText.ParseRoute(c, t[++i]);
                    if (a is null) { Error($"Invalid rule {w} address {t[i]}"); return null; }
                    if (!SetFamily(a.Family, "rule specification has mixed IPv4 and IPv6")) return null;
                    if (w == "from") rule.From = a; else rule.To = a;
                    break;
                }
                case "table" or "lookup":
                    if (!RtTables.Table(t[++i], out var table)) { Error($"Routing table {t[i]} not found for rule"); return null; }
                    if (table == 0) { Error("Table 0 is not valid"); return null; }
                    rule.Table = table;
                    if (!SetAction("table", "Cannot specify more than one of table/nop/goto/blackhole/prohibit/unreachable for rule")) return null;
                    break;
                case "not":
                    rule.Not = true;
                    break;
                case "preference" or "order" or "priority":
                    if (!RtTables.ParseC(t[++i], out var pref) || t[i].TrimStart().StartsWith('-') || pref > uint.MaxValue)
                    {
                        ReportNumber(c, t[i]);
                        Error($"Invalid rule preference {w} specified");
                        return null;
                    }
                    rule.Preference = (uint)pref;
                    havePreference = true;
                    break;
                case "tos" or "dsfield":
                    if (!RtTables.DsField(t[++i], out var tos)) { Error($"TOS value {t[i]} is invalid"); return null; }
                    rule.Tos = tos;
                    break;
                case "fwmark":
                    if (!ParseFwmark(t[++i], rule)) { Error($"Invalid rule fwmark {t[i].TrimStart(' ', '\t')} specified"); return null; }
                    break;
                case "realms":
                    if (!IpRouteParser.ReadRealms(t[++i], out var realms)) { Error($"invalid realms {t[i]} for rule"); return null; }
                    rule.Realms = realms;
                    tableOption = true;
                    if (!SetFamily(AddressFamily.InterNetwork, "realms is only valid for IPv4")) return null;
                    break;
                case "suppress_prefixlength" or "sup_pl":
                    if (!c.Values.ReadUnsigned(t[++i], out var spl, 0, int.MaxValue)) { Error($"Invalid suppress_prefixlength {w} specified"); return null; }
                    rule.SuppressPrefixLength = (int)spl;
                    tableOption = true;
                    break;
                case "suppress_ifgroup" or "sup_group":
                    if (!RtTables.Group(t[++i], out var group)) { Error($"suppress_group {t[i]} is invalid"); return null; }
                    rule.SuppressGroup = group;
                    tableOption = true;
                    break;
                case "dev" or "iif" or "oif":
                    if (!InterfaceLookup.GetDynamic(c, t[++i])) { Error($"WARNING - interface {t[i]} for rule doesn't exist"); return null; }
                    if (w == "oif") rule.OutputInterface = t[i]; else rule.InputInterface = t[i];
                    break;
                case "tunnel-id":
                    if (!ulong.TryParse(t[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                    {
                        ReportNumber(c, t[i]);
                        Error($"Invalid tunnel-id {w} specified");
                        return null;
                    }
                    rule.TunnelId = tid;
                    break;
                case "uidrange":
                {
                    var parts = t[++i].Split('-', 2);
                    if (parts.Length != 2 || !uint.TryParse(parts[0], out var us) || !LeadingUInt(parts[1], out var ue))
                    {
                        Error($"Invalid uidrange {w} specified");
                        return null;
                    }
                    rule.UidRange = (us, ue);
                    break;
                }
                case "l3mdev":
                    if (!SetAction("l3mdev", "Cannot specify l3mdev with other action")) return null;
                    break;
                case "protocol":
                    if (c.Values.ReadUnsigned(t[++i], out var proto, 0, 255)) rule.Protocol = (byte)proto;
                    else Error($"Invalid protocol {t[i]}");
                    break;
                case "ipproto":
                    if (IpProtocolNumber(t[++i]) is { } ipp) rule.IpProto = ipp;
                    else Error($"Invalid ipproto {t[i]}");
                    break;
                case "sport" or "dport":
                    if (PortRange(t[++i]) is { } range)
                    {
                        if (w == "sport") rule.SourcePorts = range; else rule.DestinationPorts = range;
                    }
                    else Error($"invalid {w} range {t[i]}");
                    break;
                case "no_track":
                    rule.NoTrack = true;
                    break;
                case "track_group" when allowTrackGroup:
                    i++;
                    if (rule.TrackGroup is not null)
                    {
                        Error($"track_group {t[i]} is a duplicate");
                        i = t.Count;
                        break;
                    }
                    if (c.Config.Global.TrackGroups.Any(g => g.Name == t[i])) rule.TrackGroup = t[i];
                    else Error($"track_group {t[i]} not found");
                    break;
                default:
                {
                    var a = w == "type" ? t[++i] : w;
                    string action;
                    if (a == "goto")
                    {
                        if (!c.Values.ReadUnsigned(t[++i], out var target, 0, uint.MaxValue)) { Error($"Invalid target {a} specified"); return null; }
                        rule.GotoTarget = target;
                        action = "goto";
                    }
                    else if (a == "nop") action = "nop";
                    else if (RtTables.RouteType(a, out var rt))
                    {
                        action = rt switch { 6 => "blackhole", 7 => "unreachable", 8 => "prohibit", _ => "" };
                        if (action == "") { Error($"Invalid rule action {a}"); return null; }
                    }
                    else { Error($"Unknown rule option {a}"); return null; }
                    if (!SetAction(action, tooMany)) return null;
                    break;
                }
            }
        }

        if (rule.Action == "goto")
        {
            if (!havePreference)
            {
                Error($"Invalid rule - goto target {rule.GotoTarget} specified without preference");
                return null;
            }
            if (rule.Preference >= rule.GotoTarget)
            {
                Error($"Invalid rule - preference {rule.Preference} >= goto target {rule.GotoTarget}");
                return null;
            }
        }
        if (rule.Action == "") { Error("No action specified for rule - ignoring"); return null; }
        if (rule.Action != "table" && tableOption) { Error("suppressor/realm specified for non table action - skipping"); return null; }
        if (rule.Action == "l3mdev" && rule.Table is not null) { Error("table cannot be specified for l3mdev rules"); return null; }
        if (!rule.NoTrack)
        {
            if (rule.Protocol is { } p && p != IpRoute.RouteProtocolKeepalived)
                Error($"Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED({IpRoute.RouteProtocolKeepalived}), resetting protocol");
            rule.Protocol = IpRoute.RouteProtocolKeepalived;
        }
        if (rule.TrackGroup is not null && rule.InputInterface is null)
        {
            Error("Static rule cannot have track_group if dev/iif not specified");
            rule.TrackGroup = null;
        }
        rule.Family = family ?? AddressFamily.InterNetwork;
        if (!havePreference)
        {
            var g = c.Config.Global;
            rule.Preference = rule.Family == AddressFamily.InterNetwork ? g.NextRulePriorityIPv4-- : g.NextRulePriorityIPv6--;
            rule.PreferenceDefaulted = true;
            Error($"Rule has no preference specified - setting to {rule.Preference}. This is probably not what you want.");
        }
        return rule;
    }

    /// <summary>read_unsigned_base_strvec's own reports for a bad number.</summary>
    private static void ReportNumber(SectionContext c, string text) => c.Values.ReadUnsigned(text, out _, 0, uint.MaxValue);

    private static bool LeadingUInt(string s, out uint v)
    {
        var digits = new string(s.TakeWhile(char.IsAsciiDigit).ToArray());
        return uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out v);
    }

    private static bool ParseFwmark(string text, IpRule rule)
    {
        var s = text.TrimStart(' ', '\t');
        if (s.StartsWith('-')) return false;
        var slash = s.IndexOf('/');
        var markText = slash < 0 ? s : s[..slash];
        if (!RtTables.ParseC(markText, out var mark) || mark > uint.MaxValue) return false;
        uint? mask = null;
        if (slash >= 0)
        {
            var m = s[(slash + 1)..];
            if (m.Length == 0 || char.IsWhiteSpace(m[0]) || m[0] == '-' || !RtTables.ParseC(m, out var mk) || mk > uint.MaxValue) return false;
            mask = (uint)mk;
        }
        rule.FwMark = (uint)mark;
        rule.FwMask = mask;
        return true;
    }

    private static (ushort, ushort)? PortRange(string text)
    {
        var parts = text.Split('-', 2);
        if (!ushort.TryParse(new string(parts[0].TakeWhile(char.IsAsciiDigit).ToArray()), out var start) || parts[0].Length == 0) return null;
        if (parts.Length == 1) return (start, start);
        return ushort.TryParse(new string(parts[1].TakeWhile(char.IsAsciiDigit).ToArray()), out var end) ? (start, end) : null;
    }

    private static byte? IpProtocolNumber(string text)
    {
        string[] names = ["ip", "icmp", "igmp", "", "ipencap", "", "tcp", "", "egp", "", "", "", "pup", "", "", "", "", "udp"];
        var idx = Array.IndexOf(names, text);
        if (idx > 0 || text == "ip") return (byte)Math.Max(idx, 0);
        return text switch
        {
            "ipv6" => 41, "ipv6-route" => 43, "ipv6-frag" => 44, "gre" => 47, "esp" => 50, "ah" => 51,
            "ipv6-icmp" or "icmpv6" => 58, "ipv6-nonxt" => 59, "ipv6-opts" => 60, "sctp" => 132, "udplite" => 136,
            _ => byte.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
        };
    }
}
