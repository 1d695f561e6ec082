using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Config.Global;

/// <summary>A route of static_routes or virtual_routes (keepalived's ip_route_t).</summary>
public sealed class IpRoute
{
    public RouteAddress? Destination { get; set; }
    /// <summary>The destination as written (keepalived names routes by it in messages).</summary>
    public string? DestinationText { get; set; }
    public AddressFamily? Family { get; set; }
    /// <summary>Route type (unicast 1, blackhole 6, ...); null when not given.</summary>
    public byte? Type { get; set; }
    public IPAddress? PreferredSource { get; set; }
    public IPAddress? Via { get; set; }
    /// <summary>from (IPv6 source routing).</summary>
    public RouteAddress? From { get; set; }
    public byte? Tos { get; set; }
    public uint Table { get; set; } = 254;
    public byte? Protocol { get; set; }
    public byte? Scope { get; set; }
    public uint? Metric { get; set; }
    public string? Device { get; set; }
    public bool OnLink { get; set; }
    public uint? Realms { get; set; }
    /// <summary>mtu, advmss, hoplimit, rtt, ... as keyword → value (with "lock " when locked).</summary>
    public Dictionary<string, string> Metrics { get; } = new(StringComparer.Ordinal);
    /// <summary>add, append or null (prepend, the default).</summary>
    public string? Mode { get; set; }
    public List<NextHop> NextHops { get; } = [];
    public bool NoTrack { get; set; }
    public string? TrackGroup { get; set; }
    public string? Vrf { get; set; }
    public SourcePosition Position { get; init; }

    public IEnumerable<object?> Words()
    {
        if (Family == AddressFamily.InterNetworkV6 && Destination?.Address is null) yield return "inet6";
        if (Type is { } type) yield return RtTables.RouteTypeName(type);
        yield return Destination?.ToString();
        if (PreferredSource is not null) { yield return "src"; yield return PreferredSource; }
        if (Via is not null) { yield return "via"; yield return Via; }
        if (From is not null) { yield return "from"; yield return From; }
        if (Tos is { } tos) { yield return "tos"; yield return tos; }
        if (Table != 254) { yield return "table"; yield return Table; }
        if (Protocol is { } p && p != RouteProtocolKeepalived) { yield return "protocol"; yield return p; }
        if (Scope is { } s) { yield return "scope"; yield return RtTables.ScopeName(s); }
        if (Metric is { } m) { yield return "metric"; yield return m; }
        if (Device is not null) { yield return "dev"; yield return Device; }
        if (OnLink) yield return "onlink";
        if (Realms is { } r) { yield return "realms"; yield return r; }
        foreach (var (k, v) in Metrics) { yield return k; foreach (var w in v.Split(' ')) yield return w; }
        if (Mode is not null) yield return Mode;
        if (NoTrack) yield return "no_track";
        if (TrackGroup is not null) { yield return "track_group"; yield return TrackGroup; }
        if (Vrf is not null) { yield return "vrf"; yield return Vrf; }
        foreach (var nh in NextHops)
        {
            yield return "nexthop";
            if (nh.Via is not null) { yield return "via"; yield return nh.Via; }
            if (nh.Device is not null) { yield return "dev"; yield return nh.Device; }
            if (nh.Weight is { } w) { yield return "weight"; yield return w; }
            if (nh.OnLink) yield return "onlink";
            if (nh.Realms is { } nr) { yield return "realms"; yield return nr; }
        }
    }

    /// <summary>RTPROT_KEEPALIVED: the protocol keepalived gives routes it tracks.</summary>
    public const byte RouteProtocolKeepalived = 18;
}

/// <summary>One nexthop of a multipath route (or an "or" alternative).</summary>
public sealed class NextHop
{
    public IPAddress? Via { get; set; }
    public string? Device { get; set; }
    /// <summary>1..256.</summary>
    public uint? Weight { get; set; }
    public bool OnLink { get; set; }
    public uint? Realms { get; set; }
}
