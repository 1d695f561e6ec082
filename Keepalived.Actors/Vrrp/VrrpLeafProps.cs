using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Nftables;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Notify;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// How <see cref="VrrpManagerActor"/> makes its leaf actors: the kernel-backed ones in service
/// (<see cref="Kernel"/>), stand-ins in tests. <see cref="Socket"/> is called once per distinct
/// <see cref="VrrpSocketOptions"/> (interface, family, multicast or unicast). <see cref="Nftables"/>
/// is called only when an instance is not in accept mode; null: no firewall leaf at all.
/// </summary>
public sealed record VrrpLeafProps(
    Func<GlobalConfig, Props> Notify,
    Func<Props> Netlink,
    Func<Props> Garp,
    Func<VrrpSocketOptions, Props> Socket,
    Func<Props> Links,
    Func<GlobalConfig, Props>? Nftables = null)
{
    public static VrrpLeafProps Kernel { get; } =
        new(NotifyActor.Props, NetlinkActor.Props, GarpActor.Props, VrrpSocketActor.Props, LinkWatcherActor.Props, NftablesActor.Props);
}
