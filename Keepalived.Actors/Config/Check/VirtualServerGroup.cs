using System.Net.Sockets;

namespace Keepalived.Actors.Config.Check;

/// <summary><c>virtual_server_group NAME { ... }</c>: address ranges and firewall marks.</summary>
public sealed class VirtualServerGroup(string name, SourcePosition position)
{
    public string Name { get; } = name;
    public SourcePosition Position { get; } = position;

    /// <summary><c>ADDR[-END|/MASK] [PORT]</c> lines.</summary>
    public List<VsgAddressRange> AddressRanges { get; } = [];

    /// <summary><c>fwmark N [inet|inet6]</c> lines.</summary>
    public List<VsgFwmark> Fwmarks { get; } = [];

    public bool HaveIpv4 { get; set; }
    public bool HaveIpv6 { get; set; }
    /// <summary>A fwmark without a family was given.</summary>
    public bool FwmarkNoFamily { get; set; }
}

/// <summary>An address range of a group, first to last inclusive, with its port (0 = none).</summary>
public sealed record VsgAddressRange(InetAddress Start, InetAddress End)
{
    public ushort Port => Start.Port;

    /// <summary>format_vsge: <c>start-end,port</c> or <c>addr,port</c>.</summary>
    public override string ToString() => Equals(Start.Address, End.Address)
        ? $"{Start.AddressText},{Port}"
        : $"{Start.AddressText}-{End.AddressText},{Port}";
}

/// <summary>A firewall mark of a group, with its family (Unspecified when none was given).</summary>
public sealed record VsgFwmark(uint Mark, AddressFamily Family)
{
    public override string ToString() => $"FWM {Mark}";
}
