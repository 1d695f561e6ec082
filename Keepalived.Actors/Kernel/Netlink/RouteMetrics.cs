using System.Globalization;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// The route's metric keywords (the model keeps them as keyword → text, "lock " first when
/// locked) as RTA_METRICS nested RTAX_* attributes, plus the few keywords that are route
/// attributes of their own (expires, pref, ttl-propagate).
/// </summary>
internal static class RouteMetrics
{
    /// <summary>keepalived's order of the RTAX attributes; rtt/rttvar carry their unit multiplier.</summary>
    private static readonly (string Keyword, RouteMetric Metric, uint RttUnit)[] Order =
    [
        ("congctl", RouteMetric.CcAlgo, 0),
        ("rtt", RouteMetric.Rtt, 8),
        ("rttvar", RouteMetric.RttVar, 4),
        ("rto_min", RouteMetric.RtoMin, 1),
        ("features", RouteMetric.Features, 0),
        ("mtu", RouteMetric.Mtu, 0),
        ("window", RouteMetric.Window, 0),
        ("ssthresh", RouteMetric.SsThresh, 0),
        ("cwnd", RouteMetric.Cwnd, 0),
        ("advmss", RouteMetric.AdvMss, 0),
        ("reordering", RouteMetric.Reordering, 0),
        ("hoplimit", RouteMetric.HopLimit, 0),
        ("initcwnd", RouteMetric.InitCwnd, 0),
        ("initrwnd", RouteMetric.InitRwnd, 0),
        ("quickack", RouteMetric.QuickAck, 0),
        ("fastopen_no_cookie", RouteMetric.FastOpenNoCookie, 0),
    ];

    /// <summary>RTAX_FEATURE_ECN.</summary>
    private const uint FeatureEcn = 1;

    public static void WriteRouteAttributes(ref NetlinkWriter writer, Dictionary<string, string> metrics)
    {
        if (metrics.TryGetValue("expires", out var expires) && uint.TryParse(expires, CultureInfo.InvariantCulture, out var seconds))
            writer.AttributeU32((ushort)RouteAttribute.Expires, seconds);
        if (metrics.TryGetValue("pref", out var pref))
            writer.AttributeU8((ushort)RouteAttribute.Pref, RouterPreference(pref));
        if (metrics.TryGetValue("ttl-propagate", out var ttl))
            writer.AttributeU8((ushort)RouteAttribute.TtlPropagate, ttl == "enabled" ? (byte)1 : (byte)0);
    }

    public static void WriteNested(ref NetlinkWriter writer, Dictionary<string, string> metrics)
    {
        var start = -1;
        uint locked = 0;
        foreach (var (keyword, metric, rttUnit) in Order)
        {
            if (!metrics.TryGetValue(keyword, out var text))
                continue;
            if (start < 0)
                start = writer.BeginNested((ushort)RouteAttribute.Metrics);
            if (text.StartsWith("lock ", StringComparison.Ordinal))
            {
                locked |= 1u << (int)metric;
                text = text[5..];
            }
            if (metric == RouteMetric.CcAlgo)
                writer.AttributeString((ushort)metric, text, terminate: false);
            else
                writer.AttributeU32((ushort)metric, Value(keyword, text, rttUnit));
        }
        if (start < 0)
            return;
        if (locked != 0)
            writer.AttributeU32((ushort)RouteMetric.Lock, locked);
        writer.EndNested(start);
    }

    private static uint Value(string keyword, string text, uint rttUnit)
    {
        if (keyword == "features")
            return text == "ecn" ? FeatureEcn : 0;
        if (rttUnit != 0)
            return RttTime(text, rttUnit);
        return uint.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    /// <summary>
    /// iproute2's get_time_rtt: a bare number is already in the kernel's unit; "ms" or "s"
    /// (also msec/secs...) is milliseconds or seconds, scaled to 1/<paramref name="unit"/> ms.
    /// </summary>
    internal static uint RttTime(string text, uint unit)
    {
        var s = text.AsSpan().Trim();
        var suffix = s.IndexOfAny('s', 'S');
        decimal scale = 0;
        if (suffix >= 0)
        {
            var millis = suffix > 0 && (s[suffix - 1] | 0x20) == 'm';
            scale = millis ? 1 : 1000;
            s = s[..(millis ? suffix - 1 : suffix)];
        }
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return 0;
        var result = scale == 0 ? value : value * scale * unit;
        return result >= uint.MaxValue ? uint.MaxValue : (uint)result;
    }

    /// <summary>RTA_PREF: ICMPV6_ROUTER_PREF_LOW 3, MEDIUM 0, HIGH 1, or a number.</summary>
    private static byte RouterPreference(string text) => text switch
    {
        "low" => 3,
        "medium" => 0,
        "high" => 1,
        _ => byte.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : (byte)0,
    };
}
