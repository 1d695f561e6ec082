using System.Net.Sockets;

namespace Keepalived.Actors.Config.Global;

/// <summary>A rule of static_rules or virtual_rules (keepalived's ip_rule_t).</summary>
public sealed class IpRule
{
    public AddressFamily Family { get; set; } = AddressFamily.InterNetwork;
    public RouteAddress? From { get; set; }
    public RouteAddress? To { get; set; }
    public bool Not { get; set; }
    /// <summary>table/lookup (also set with the action "table"); null when the action is another.</summary>
    public uint? Table { get; set; }
    /// <summary>table, goto, nop, blackhole, unreachable, prohibit, l3mdev.</summary>
    public string Action { get; set; } = "";
    public uint? GotoTarget { get; set; }
    public uint Preference { get; set; }
    /// <summary>True when keepalived chose the preference (none was given).</summary>
    public bool PreferenceDefaulted { get; set; }
    public byte? Tos { get; set; }
    public uint? FwMark { get; set; }
    public uint? FwMask { get; set; }
    public uint? Realms { get; set; }
    public int? SuppressPrefixLength { get; set; }
    public uint? SuppressGroup { get; set; }
    public string? InputInterface { get; set; }
    public string? OutputInterface { get; set; }
    public ulong? TunnelId { get; set; }
    public (uint Start, uint End)? UidRange { get; set; }
    public byte? Protocol { get; set; }
    public byte? IpProto { get; set; }
    public (ushort Start, ushort End)? SourcePorts { get; set; }
    public (ushort Start, ushort End)? DestinationPorts { get; set; }
    public bool NoTrack { get; set; }
    public string? TrackGroup { get; set; }
    public SourcePosition Position { get; init; }

    public IEnumerable<object?> Words()
    {
        if (Family == AddressFamily.InterNetworkV6) yield return "inet6";
        if (Not) yield return "not";
        if (From is not null) { yield return "from"; yield return From; }
        if (To is not null) { yield return "to"; yield return To; }
        yield return "preference"; yield return Preference;
        if (Tos is { } tos) { yield return "tos"; yield return tos; }
        if (FwMark is { } m)
        {
            yield return "fwmark";
            yield return FwMask is { } k ? $"0x{m:x}/0x{k:x}" : $"0x{m:x}";
        }
        if (Realms is { } r) { yield return "realms"; yield return r; }
        if (SuppressPrefixLength is { } spl) { yield return "suppress_prefixlength"; yield return spl; }
        if (SuppressGroup is { } sg) { yield return "suppress_ifgroup"; yield return sg; }
        if (InputInterface is not null) { yield return "iif"; yield return InputInterface; }
        if (OutputInterface is not null) { yield return "oif"; yield return OutputInterface; }
        if (TunnelId is { } tid) { yield return "tunnel-id"; yield return tid; }
        if (UidRange is { } u) { yield return "uidrange"; yield return $"{u.Start}-{u.End}"; }
        if (Protocol is { } p && p != IpRoute.RouteProtocolKeepalived) { yield return "protocol"; yield return p; }
        if (IpProto is { } ipp) { yield return "ipproto"; yield return ipp; }
        if (SourcePorts is { } sp) { yield return "sport"; yield return $"{sp.Start}-{sp.End}"; }
        if (DestinationPorts is { } dp) { yield return "dport"; yield return $"{dp.Start}-{dp.End}"; }
        if (NoTrack) yield return "no_track";
        if (TrackGroup is not null) { yield return "track_group"; yield return TrackGroup; }
        switch (Action)
        {
            case "table": yield return "table"; yield return Table; break;
            case "goto": yield return "goto"; yield return GotoTarget; break;
            default: yield return Action; break;
        }
    }
}
