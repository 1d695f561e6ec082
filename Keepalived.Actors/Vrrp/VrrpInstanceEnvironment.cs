using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// What a vrrp_instance runs with once its interface has been looked up: the interface, the
/// primary address its adverts come from (unicast_src_ip / mcast_src_ip, else the interface's
/// first address of the family — for IPv6 its link-local one), where adverts go, and the leaf
/// actors that do its I/O.
/// </summary>
public sealed record VrrpInstanceEnvironment(
    VrrpInstance Config,
    GlobalConfig Global,
    string Interface,
    IPAddress PrimaryAddress,
    IReadOnlyList<IPAddress> Destinations,
    VrrpLeaves Leaves)
{
    /// <summary>The VRRP configuration the instance belongs to (its sync group's trackers); null: the instance's own tracks only.</summary>
    public VrrpConfig? Vrrp { get; init; }

    /// <summary>The <see cref="VrrpSyncGroupActor"/> of the instance's vrrp_sync_group; null: not in a group.</summary>
    public IActorRef? SyncGroup { get; init; }

    /// <summary>
    /// use_vmac: the VMAC the instance's addresses go on (<see cref="VmacPlacement"/>); its socket
    /// reads and sends there too unless vmac_xmit_base. <see cref="Interface"/> stays the base
    /// interface, whose link state drives FAULT. Null: no VMAC.
    /// </summary>
    public string? Vmac { get; init; }

    /// <summary>
    /// A fault the instance starts with and keeps (a VMAC that could not be set up): it goes from
    /// INIT to FAULT and stays there, holding its sync group in FAULT, as keepalived's instance
    /// does while its VMAC interface does not exist. Null: none.
    /// </summary>
    public string? StartFault { get; init; }

    /// <summary>The instance's place in the advert interval (<see cref="Vrrp.AdvertSlot"/>); null: the RFC's timing.</summary>
    public int? AdvertPlace { get; init; }

    /// <summary>The MTU of the interface the instance reads on (vrrp_rx_bufs_policy MTU); 0: not known.</summary>
    public int Mtu { get; init; }

    public AddressFamily Family => PrimaryAddress.AddressFamily;

    public bool IsUnicast => Config.IsUnicast;

    /// <summary>
    /// RFC 5798 Accept_Mode False: not in accept mode (no_accept, or vrrp_strict without accept)
    /// and not the address owner, so its addresses are blocked in nftables while it holds them.
    /// </summary>
    public bool BlocksAddresses => NeedsFirewall(Config);

    public static bool NeedsFirewall(VrrpInstance config) =>
        config.Accept == false && config.Priority != VrrpInstance.PriorityOwner;
}

/// <summary>The leaf actors a VRRP instance talks to; <see cref="Nftables"/> is null when no instance blocks its addresses.</summary>
public sealed record VrrpLeaves(LeafRef Socket, LeafRef Netlink, LeafRef Garp, LeafRef Notify, LeafRef? Nftables = null);
