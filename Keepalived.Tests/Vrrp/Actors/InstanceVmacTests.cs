using System.Net;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// A VrrpInstanceActor with a VMAC (use_vmac) on virtual time: its addresses are removed at
/// start, added at takeover and announced on the VMAC; an address with dev of another interface
/// stays there; the base interface's link still drives FAULT.
/// </summary>
public sealed class InstanceVmacTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private const string Vmac = "vrrp.51";
    private static readonly IPAddress Elsewhere = IPAddress.Parse("10.199.9.100");

    private static InstanceRig Rig(ActorTest kit) => new(kit, InstanceRig.NewConfig(configure: v =>
    {
        v.VirtualAddresses.Add(new VirtualIpAddress { Address = IPAddress.Parse("10.199.0.101"), PrefixLength = 24, Device = "veth-ka0" });
        v.VirtualAddresses.Add(new VirtualIpAddress { Address = Elsewhere, PrefixLength = 24, Device = "veth-other" });
    }), vmac: Vmac);

    [Fact]
    public void Addresses_without_dev_or_on_the_base_go_on_the_vmac_from_start_to_takeover()
    {
        var rig = Rig(this);
        rig.Start();
        rig.Socket.ExpectMsg<VrrpSocketActor.Register>();

        var stale = rig.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        Assert.Equal([Vmac, Vmac, "veth-other"], stale.Addresses.Select(a => a.Device));
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        rig.Sync();

        rig.Advance(InstanceRig.MasterDown);
        rig.Socket.ExpectMsg<VrrpSocketActor.Send>();
        var added = rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        Assert.Equal([Vmac, Vmac, "veth-other"], added.Addresses.Select(a => a.Device));
        // the configuration itself is left as it was
        Assert.Null(rig.Config.VirtualAddresses[0].Device);
        rig.Garp.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));

        // keepalived announces each address on its own interface: the VMAC's from the virtual MAC
        var garp = rig.Garp.ExpectMsg<GarpActor.SendGratuitous>();
        Assert.Equal([Vmac, Vmac, "veth-other"], garp.Addresses.Select(a => a.Device));
        Assert.Equal(Elsewhere, garp.Addresses[2].Address);
    }

    [Fact]
    public void The_base_interface_going_down_is_a_fault_the_vmac_going_down_is_not()
    {
        var rig = Rig(this).StartAsMaster();

        rig.Instance.Tell(new LinkWatcherActor.LinkChanged(Vmac, false));
        Assert.Equal(VrrpState.Master, rig.Sync().State);

        rig.Instance.Tell(new LinkWatcherActor.LinkChanged("veth-ka0", false));
        Assert.Equal(VrrpState.Fault, rig.Sync().State);
        Assert.Equal([Vmac, Vmac, "veth-other"], rig.Netlink.FishForMessage<NetlinkActor.RemoveAddresses>(_ => true).Addresses.Select(a => a.Device));
    }
}
