using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Global;

/// <summary>
/// One line of static_routes / virtual_routes (keepalived's alloc_route): iproute2's route
/// syntax, with keepalived's deprecated "gw" and "or" forms.
/// </summary>
public static class IpRouteParser
{
    // metric-like options read as unsigned numbers, with whether "lock" may precede the value
    private static readonly Dictionary<string, (uint Max, bool Lockable, string Error)> Numeric = new(StringComparer.Ordinal)
    {
        ["mtu"] = (uint.MaxValue, true, "Invalid MTU {0} specified for route"),
        ["hoplimit"] = (255, false, "Invalid hoplimit {0} specified for route"),
        ["advmss"] = (uint.MaxValue, true, "Invalid advmss {0} specified for route"),
        ["reordering"] = (uint.MaxValue, true, "Invalid reordering value {0} specified for route"),
        ["window"] = (uint.MaxValue, false, "Invalid window value {0} specified for route"),
        ["cwnd"] = (uint.MaxValue, true, "Invalid cwnd value {0} specified for route"),
        ["ssthresh"] = (uint.MaxValue, true, "Invalid ssthresh value {0} specified for route"),
        ["initcwnd"] = (uint.MaxValue, false, "Invalid initcwnd value {0} specified for route"),
        ["initrwnd"] = (uint.MaxValue, false, "Invalid initrwnd value {0} specified for route"),
        ["quickack"] = (1, false, "Invalid quickack value {0} specified for route"),
        ["fastopen_no_cookie"] = (1, false, "Invalid fastopen_no_cookie value {0} specified for route"),
    };

    // times with units (rtt 1/8 ms, rttvar 1/4 ms, rto_min ms)
    private static readonly Dictionary<string, (uint Mult, string Error)> Times = new(StringComparer.Ordinal)
    {
        ["rtt"] = (8, "Invalid rtt {0} for route"),
        ["rttvar"] = (4, "Invalid rttvar {0} for route"),
        ["rto_min"] = (1, "Invalid rto_min value {0} specified for route"),
    };

    /// <summary>Parses one route line; null when keepalived drops it (after reporting why).</summary>
    /// <param name="allowTrackGroup">static_routes (track_group allowed) rather than virtual_routes.</param>
    public static IpRoute? Parse(SectionContext context, Tokens t, bool allowTrackGroup)
    {
        var r = new IpRoute { Position = context.Here() };
        var ok = ParseWords(context, t, r, allowTrackGroup);
        return ok && Finish(context, r) ? r : null;
    }

    private static void Error(SectionContext c, string message) => c.Report(ConfigErrorKind.GeneralError, message);

    private static bool SetFamily(SectionContext c, IpRoute r, AddressFamily? family, string message)
    {
        if (family is null) return true;
        if (r.Family is null) r.Family = family;
        else if (r.Family != family)
        {
            Error(c, message);
            return false;
        }
        return true;
    }

    private static bool ParseWords(SectionContext c, Tokens t, IpRoute r, bool allowTrackGroup)
    {
        const string mix = "Cannot mix IPv4 and IPv6 addresses for route";
        var i = 0;
        while (i < t.Count)
        {
            var w = t[i];
            switch (w)
            {
                case "inet6" or "inet":
                {
                    var fam = w == "inet6" ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
                    if (!SetFamily(c, r, fam, w == "inet6" ? "inet6 specified for IPv4 route" : "inet specified for IPv6 route")) return false;
                    i++;
                    continue;
                }
                case "src":
                    if (!IpText.ParseAddress(c, t[++i], false, out var src, out _))
                    {
                        Error(c, $"invalid route src address {t[i]}");
                        return false;
                    }
                    r.PreferredSource = src;
                    if (!SetFamily(c, r, src.AddressFamily, mix)) return false;
                    break;
                case "as":
                    if (t[++i] == "to") i++;
                    Error(c, "\"as to\" for MPLS only - ignoring");
                    break;
                case "via" or "gw":
                {
                    if (w == "gw") Error(c, "\"gw\" for routes is deprecated. Please use \"via\"");
                    var a = t[++i];
                    AddressFamily? fam = r.Family;
                    if (a is "inet" or "inet6")
                    {
                        fam = a == "inet" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                        a = t[++i];
                    }
                    if (!SetFamily(c, r, fam, mix)) return false;
                    if (!IpText.ParseAddress(c, a, false, out var via, out _))
                    {
                        Error(c, $"invalid route via address {t[i]}");
                        return false;
                    }
                    r.Via = via;
                    if (!SetFamily(c, r, via.AddressFamily, mix)) return false;
                    break;
                }
                case "from":
                {
                    var from = IpText.ParseRoute(c, t[++i]);
                    if (from is null)
                    {
                        Error(c, $"invalid route from address {t[i]}");
                        return false;
                    }
                    if (from.Family != AddressFamily.InterNetworkV6)
                    {
                        Error(c, $"route from address only supported with IPv6 ({t[i]})");
                        return false;
                    }
                    r.From = from;
                    if (!SetFamily(c, r, from.Family, mix)) return false;
                    break;
                }
                case "tos" or "dsfield":
                    if (!RtTables.DsField(t[++i], out var tos))
                    {
                        Error(c, $"TOS value {t[i]} is invalid");
                        return false;
                    }
                    r.Tos = tos;
                    break;
                case "table":
                    if (!RtTables.Table(t[++i], out var table))
                    {
                        Error(c, $"Routing table {t[i]} not found for route");
                        return false;
                    }
                    r.Table = table;
                    break;
                case "protocol":
                    if (!RtTables.Protocol(t[++i], out var proto))
                    {
                        Error(c, $"Protocol {t[i]} not found or invalid for route");
                        return false;
                    }
                    r.Protocol = proto;
                    break;
                case "scope":
                    if (!RtTables.Scope(t[++i], out var scope))
                    {
                        Error(c, $"Scope {t[i]} not found or invalid for route");
                        return false;
                    }
                    r.Scope = scope;
                    break;
                case "metric" or "priority" or "preference":
                    if (!ReadU32(c, t[++i], uint.MaxValue, "Invalid metric {0} specified for route", out var metric)) return false;
                    r.Metric = metric;
                    break;
                case "dev" or "oif":
                    if (!InterfaceLookup.GetDynamic(c, t[++i]))
                    {
                        Error(c, $"WARNING - interface {t[i]} for VROUTE nexthop doesn't exist");
                        return false;
                    }
                    r.Device = t[i];
                    break;
                case "onlink":
                    r.OnLink = true;
                    break;
                case "encap":
                    if (!ParseEncap(c, t, ref i, r)) return false;
                    break;
                case "expires":
                    i++;
                    if (r.Family == AddressFamily.InterNetwork)
                    {
                        Error(c, "expires is only valid for IPv6");
                        return false;
                    }
                    r.Family = AddressFamily.InterNetworkV6;
                    if (!ReadU32(c, t[i], uint.MaxValue, "Invalid expires time {0} specified for route", out var exp)) return false;
                    r.Metrics["expires"] = exp.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "realms":
                    if (!ReadRealms(t[++i], out var realms))
                    {
                        Error(c, $"Invalid realms {t[i]} for route");
                        return false;
                    }
                    if (r.Family == AddressFamily.InterNetworkV6)
                    {
                        Error(c, "realms are only valid for IPv4");
                        return false;
                    }
                    r.Family = AddressFamily.InterNetwork;
                    r.Realms = realms;
                    break;
                case "features":
                    if (t[++i] == "ecn") r.Metrics["features"] = "ecn";
                    else Error(c, $"feature {t[i]} not supported");
                    break;
                case "congctl":
                {
                    var locked = t[++i] == "lock";
                    if (locked) i++;
                    r.Metrics["congctl"] = (locked ? "lock " : "") + t[i];
                    break;
                }
                case "pref":
                {
                    var p = t[++i];
                    if (r.Family == AddressFamily.InterNetwork)
                    {
                        Error(c, "pref is only valid for IPv6");
                        return false;
                    }
                    r.Family = AddressFamily.InterNetworkV6;
                    if (p is not ("low" or "medium" or "high") && !ReadU32(c, p, 255, "Invalid pref value {0} specified for route", out _)) return false;
                    r.Metrics["pref"] = p;
                    break;
                }
                case "ttl-propagate":
                {
                    var p = t[++i];
                    if (p is "enabled" or "disabled") r.Metrics["ttl-propagate"] = p;
                    else Error(c, $"ttl-propagate value {p} not recognised");
                    break;
                }
                case "add" or "append":
                    r.Mode = w;
                    break;
                case "prepend":
                    r.Mode = null;
                    break;
                case "or":
                    Error(c, "\"or\" for routes is deprecated. Please use \"nexthop\"");
                    if (r.NextHops.Count > 0)
                    {
                        Error(c, "\"or\" route already specified - ignoring subsequent");
                        i += 2;
                        continue;
                    }
                    r.NextHops.Add(new NextHop { Via = r.Via });
                    r.Via = null;
                    if (!IpText.ParseAddress(c, t[++i], false, out var alt, out _))
                    {
                        Error(c, $"Invalid \"or\" address {t[i]}");
                        return false;
                    }
                    r.NextHops.Add(new NextHop { Via = alt });
                    break;
                case "nexthop":
                    if (r.NextHops.Count > 0)
                    {
                        Error(c, "Cannot specify nexthops with \"or\" route");
                        return Trailing(c, t, i, "Route has trailing nonsense - ");
                    }
                    return ParseNextHops(c, t, i, r);
                case "no_track":
                    r.NoTrack = true;
                    break;
                case "track_group" when allowTrackGroup:
                    i++;
                    if (r.TrackGroup is not null)
                    {
                        Error(c, $"track_group {t[i]} is a duplicate");
                        return Trailing(c, t, i, "Route has trailing nonsense - ");
                    }
                    if (c.Config.Global.TrackGroups.Any(g => g.Name == t[i])) r.TrackGroup = t[i];
                    else Error(c, $"track_group {t[i]} not found");
                    break;
                case "vrf":
                    if (!InterfaceLookup.GetExisting(c, t[++i]))
                    {
                        Error(c, $"VRF {t[i]} not found for route");
                        return false;
                    }
                    // keepalived would take the table of the VRF; a plain interface is not one
                    Error(c, $"Route specified VRF {t[i]} is not a VRF");
                    return false;
                default:
                    if (Numeric.TryGetValue(w, out var num))
                    {
                        var locked = num.Lockable && t[++i] == "lock";
                        if (!num.Lockable) i++;
                        if (locked) i++;
                        if (!ReadU32(c, t[i], num.Max, num.Error, out var v)) return false;
                        r.Metrics[w] = (locked ? "lock " : "") + v.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    }
                    if (Times.TryGetValue(w, out var time))
                    {
                        var locked = t[++i] == "lock";
                        if (locked) i++;
                        if (!RttTime(c, t[i], time.Mult))
                        {
                            Error(c, string.Format(System.Globalization.CultureInfo.InvariantCulture, time.Error, t[i]));
                            return false;
                        }
                        r.Metrics[w] = (locked ? "lock " : "") + t[i];
                        break;
                    }
                    if (!ParseDestination(c, t, ref i, r)) return false;
                    break;
            }
            i++;
        }
        return true;
    }

    private static bool ParseDestination(SectionContext c, Tokens t, ref int i, IpRoute r)
    {
        var w = t[i];
        if (w == "to") i++;
        // keepalived tests the type against the keyword itself, not the word after "to"
        if (RtTables.RouteType(w, out var type))
        {
            r.Type = type;
            i++;
        }
        var dest = t[i];
        var dst = IpText.ParseRoute(c, dest);
        if (dst is null)
        {
            Error(c, $"unknown route keyword {dest}");
            return false;
        }
        r.Destination = dst;
        r.DestinationText = dest;
        return SetFamily(c, r, dst.Family, $"Cannot mix IPv4 and IPv6 addresses for route ({dest})");
    }

    /// <summary>The loop stopped early at word <paramref name="i"/>: keepalived calls the rest trailing nonsense.</summary>
    private static bool Trailing(SectionContext c, Tokens t, int i, string prefix)
    {
        Error(c, prefix + t[i]);
        return false;
    }

    private static bool ParseNextHops(SectionContext c, Tokens t, int i, IpRoute r)
    {
        while (i < t.Count && t[i] == "nexthop")
        {
            i++;
            var nh = new NextHop();
            var done = false;
            while (i < t.Count && !done)
            {
                var w = t[i];
                switch (w)
                {
                    case "via":
                    {
                        var a = t[++i];
                        AddressFamily? fam = null;
                        if (a is "inet" or "inet6")
                        {
                            fam = a == "inet" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                            a = t[++i];
                        }
                        if (fam is not null && !SetFamily(c, r, fam, "IPv4/6 mismatch for nexthop")) return Finished(false);
                        if (!IpText.ParseAddress(c, a, false, out var via, out _))
                        {
                            Error(c, $"invalid nexthop address {a}");
                            return Finished(false);
                        }
                        if (!SetFamily(c, r, via.AddressFamily, "Address family mismatch for next hop")) return Finished(false);
                        nh.Via = via;
                        break;
                    }
                    case "dev":
                        if (!InterfaceLookup.GetDynamic(c, t[++i]))
                        {
                            Error(c, $"WARNING - interface {t[i]} for VROUTE nexthop doesn't exist");
                            return Finished(false);
                        }
                        nh.Device = t[i];
                        break;
                    case "weight":
                        if (!ReadU32(c, t[++i], 256, "Invalid weight {0} specified for route", out var weight)) return Finished(false);
                        if (weight == 0)
                        {
                            Error(c, "Invalid weight 0 specified for route");
                            return Finished(false);
                        }
                        nh.Weight = weight;
                        break;
                    case "onlink":
                        nh.OnLink = true;
                        break;
                    case "encap":
                        if (!ParseEncap(c, t, ref i, r)) return Finished(false);
                        break;
                    case "realms":
                        if (!ReadRealms(t[++i], out var realms))
                        {
                            Error(c, $"Invalid realms {t[i]} for route");
                            return Finished(false);
                        }
                        if (!SetFamily(c, r, AddressFamily.InterNetwork, "realms are only supported for IPv4")) return Finished(false);
                        nh.Realms = realms;
                        break;
                    case "as":
                        if (t[++i] == "to") i++;
                        Error(c, "'as [to]' (nat) not supported");
                        return Finished(false);
                    default:
                        done = true;
                        continue;
                }
                i++;
            }
            r.NextHops.Add(nh);
        }
        if (i < t.Count) Error(c, $"Route has trailing nonsense after nexthops - {t[i]}");
        // keepalived keeps the route even when the nexthops were bad
        return true;

        static bool Finished(bool _) => true;
    }

    private static bool ParseEncap(SectionContext c, Tokens t, ref int i, IpRoute r)
    {
        if (i + 1 >= t.Count)
        {
            Error(c, "Missing encap type");
            return true;
        }
        var type = t[++i];
        var words = new List<string> { type };
        switch (type)
        {
            case "mpls":
                if (i + 1 >= t.Count) { Error(c, "missing address for MPLS encapsulation"); return false; }
                words.Add(t[++i]);
                break;
            case "ip" or "ip6":
                while (i + 2 < t.Count && t[i + 1] is "id" or "dst" or "src" or "tos" or "dsfield" or "tc" or "ttl" or "hoplimit")
                {
                    words.Add(t[++i]);
                    words.Add(t[++i]);
                }
                if (words.Count == 1) { Error(c, $"address or id missing for {type} encapsulation"); return false; }
                break;
            case "ila":
                if (i + 1 >= t.Count) { Error(c, "missing locator for ILA encapsulation"); return false; }
                words.Add(t[++i]);
                break;
            default:
                Error(c, $"Unknown encap type - {type}");
                return true;
        }
        r.Metrics["encap"] = string.Join(' ', words);
        return true;
    }

    private static bool Finish(SectionContext c, IpRoute r)
    {
        if (r.Destination is null)
        {
            Error(c, "Route must have a destination");
            return false;
        }
        if (!r.NoTrack)
        {
            if (r.Protocol is { } p && p != IpRoute.RouteProtocolKeepalived)
                Error(c, $"Route cannot be tracked if protocol is not RTPROT_KEEPALIVED({IpRoute.RouteProtocolKeepalived}), resetting protocol");
            r.Protocol = IpRoute.RouteProtocolKeepalived;
            if (r.Device is null)
            {
                Error(c, $"Warning - cannot track route {r.DestinationText} with no interface specified, not tracking");
                r.NoTrack = true;
            }
        }
        if (r.TrackGroup is not null && r.Device is null)
        {
            Error(c, "Static route cannot have track group if no oif specified");
            r.TrackGroup = null;
        }
        r.Family ??= AddressFamily.InterNetwork;
        return true;
    }

    /// <summary>get_u32/get_u8: read_unsigned then the option's own message.</summary>
    internal static bool ReadU32(SectionContext c, string text, uint max, string error, out uint value)
    {
        if (c.Values.ReadUnsigned(text, out value, 0, max)) return true;
        Error(c, string.Format(System.Globalization.CultureInfo.InvariantCulture, error, text));
        return false;
    }

    /// <summary>get_realms: REALM or FROM/TO, names from rt_realms.</summary>
    internal static bool ReadRealms(string text, out uint realms)
    {
        realms = 0;
        var slash = text.IndexOf('/');
        if (!RtTables.Realm(slash < 0 ? text : text[..slash], out var from)) return false;
        if (slash < 0) { realms = from; return true; }
        if (!RtTables.Realm(text[(slash + 1)..], out var to)) return false;
        realms = from << 16 | to;
        return true;
    }

    /// <summary>get_time_rtt: a number of ms (or with s/ms/sec/secs units), at most 120 s × multiplier.</summary>
    private static bool RttTime(SectionContext c, string text, uint mult)
    {
        var s = text.TrimStart(' ', '\t');
        var shift = 0;
        var unit = s.IndexOfAny(['s', 'S']);
        if (unit >= 0)
        {
            var suffix = s[unit..].ToLowerInvariant();
            if (suffix is not ("s" or "sec" or "secs")) return false;
            if (unit > 0 && char.ToLowerInvariant(s[unit - 1]) == 'm') unit--;
            else shift = 3;
            if (unit == 0) return false;
            s = s[..unit];
        }
        if (s.IndexOfAny(['e', 'E']) >= 0)
        {
            c.Parser.Log($"rtt value exponential form {text} no longer supported");
            return false;
        }
        return c.Values.ReadDecimal(s, out _, 0, 120000UL * mult, shift);
    }
}
