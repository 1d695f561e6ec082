namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>What <see cref="NetlinkMonitor"/> reports.</summary>
public abstract record NetlinkEvent;

public enum LinkEventKind
{
    /// <summary>A new device, or one seen for the first time.</summary>
    Added,
    Removed,
    /// <summary>Same index, new name; <see cref="LinkEvent.PreviousName"/> has the old one.</summary>
    Renamed,
    /// <summary>IFF_UP and IFF_RUNNING are now both set.</summary>
    Up,
    /// <summary>IFF_UP or IFF_RUNNING is now clear.</summary>
    Down,
    /// <summary>Anything else (operstate, MTU, MAC, flags that do not change up/down).</summary>
    Changed,
}

public sealed record LinkEvent(LinkEventKind Kind, NetlinkLink Link, string? PreviousName = null) : NetlinkEvent;

public enum AddressEventKind
{
    /// <summary>RTM_NEWADDR: added, or an existing address's flags or lifetimes changed.</summary>
    Added,
    Removed,
}

public sealed record AddressEvent(AddressEventKind Kind, NetlinkAddress Address) : NetlinkEvent;

/// <summary>
/// ENOBUFS: the kernel dropped events because the socket's buffer was full. The caller's view
/// is stale: dump links and addresses again (and <see cref="NetlinkMonitor.Seed"/> the links).
/// </summary>
public sealed record NetlinkOverrun : NetlinkEvent
{
    public static NetlinkOverrun Instance { get; } = new();
}
