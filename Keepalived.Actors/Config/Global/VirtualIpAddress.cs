using System.Net;

namespace Keepalived.Actors.Config.Global;

/// <summary>
/// An address of static_ipaddress, virtual_ipaddress or virtual_ipaddress_excluded
/// (keepalived's ip_address_t as alloc_ipaddress fills it).
/// </summary>
public sealed class VirtualIpAddress
{
    public required IPAddress Address { get; init; }
    public int PrefixLength { get; set; }
    /// <summary>dev; null = the instance's interface (or default_interface for static addresses).</summary>
    public string? Device { get; set; }
    /// <summary>Set when dev was not given for a static address and default_interface was used.</summary>
    public bool DeviceIsDefault { get; set; }
    public byte Scope { get; set; }
    public IPAddress? Broadcast { get; set; }
    public string? Label { get; set; }
    public IPAddress? Peer { get; set; }
    public bool Home { get; set; }
    public bool NoDad { get; set; }
    public bool ManageTempAddr { get; set; }
    public bool NoPrefixRoute { get; set; }
    public bool AutoJoin { get; set; }
    public bool NoTrack { get; set; }
    public bool UseVmac { get; set; }
    /// <summary>preferred_lft; uint.MaxValue = forever; null = kernel default.</summary>
    public uint? PreferredLifetime { get; set; }
    public string? TrackGroup { get; set; }
    public SourcePosition Position { get; init; }

    public bool IsIPv6 => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    /// <summary>The same address on <paramref name="device"/> (a VMAC takes the instance's addresses).</summary>
    public VirtualIpAddress OnDevice(string device)
    {
        var copy = (VirtualIpAddress)MemberwiseClone();
        copy.Device = device;
        return copy;
    }

    public override string ToString() => string.Join(' ', Words());

    /// <summary>The line as keepalived.conf would write it.</summary>
    public IEnumerable<object?> Words()
    {
        yield return $"{Address}/{PrefixLength}";
        if (Device is not null && !DeviceIsDefault) { yield return "dev"; yield return Device; }
        if (Scope != 0) { yield return "scope"; yield return RtTables.ScopeName(Scope); }
        if (Broadcast is not null) { yield return "brd"; yield return Broadcast; }
        if (Label is not null) { yield return "label"; yield return Label; }
        if (Peer is not null) { yield return "peer"; yield return Peer; }
        if (Home) yield return "home";
        if (NoDad) yield return "-nodad";
        if (ManageTempAddr) yield return "mngtmpaddr";
        if (NoPrefixRoute) yield return "noprefixroute";
        if (AutoJoin) yield return "autojoin";
        if (NoTrack) yield return "no_track";
        if (UseVmac) yield return "use_vmac";
        if (PreferredLifetime is { } lft) { yield return "preferred_lft"; yield return lft == uint.MaxValue ? "forever" : lft; }
        if (TrackGroup is not null) { yield return "track_group"; yield return TrackGroup; }
    }
}
