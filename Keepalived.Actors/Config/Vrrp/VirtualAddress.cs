using System.Net;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>One line of virtual_ipaddress / virtual_ipaddress_excluded.</summary>
public sealed class VirtualAddress(IPAddress address, int prefixLength)
{
    public IPAddress Address { get; } = address;
    public int PrefixLength { get; set; } = prefixLength;
    public string? Device { get; set; }
    public string? Label { get; set; }
    public string? Scope { get; set; }
    public string? Broadcast { get; set; }
    public string? Peer { get; set; }
    /// <summary>Flags given as words (home, -nodad, no_track, use_vmac, preferred_lft N ...).</summary>
    public List<string> Options { get; } = [];

    public override string ToString()
    {
        var parts = new List<string> { $"{Address}/{PrefixLength}" };
        if (Broadcast is not null) parts.Add($"brd {Broadcast}");
        if (Device is not null) parts.Add($"dev {Device}");
        if (Scope is not null) parts.Add($"scope {Scope}");
        if (Label is not null) parts.Add($"label {Label}");
        if (Peer is not null) parts.Add($"peer {Peer}");
        parts.AddRange(Options);
        return string.Join(' ', parts);
    }
}

/// <summary>One line of virtual_routes or virtual_rules, kept as its words (parsed by the static route/rule parsers).</summary>
public sealed class VirtualRouteLine(IReadOnlyList<string> words, object? parsed = null)
{
    public IReadOnlyList<string> Words { get; } = words;
    /// <summary>The route/rule model of the parser that read it, if it produced one.</summary>
    public object? Parsed { get; } = parsed;
    public override string ToString() => string.Join(' ', Words);
}

/// <summary>A unicast_peer line.</summary>
public sealed record UnicastPeer(IPAddress Address, int MinTtl = 0, int MaxTtl = 255);
