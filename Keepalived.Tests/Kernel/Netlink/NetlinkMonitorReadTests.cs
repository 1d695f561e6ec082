using System.Net;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Tests.Kernel.Netlink;

/// <summary>Event classification from recorded-shape messages (no kernel involved).</summary>
public class NetlinkMonitorReadTests
{
    private const InterfaceFlags UpRunning = InterfaceFlags.Up | InterfaceFlags.Running;

    private static byte[] Link(NetlinkMessageType type, int index, string name, InterfaceFlags flags, uint change)
    {
        var buffer = new byte[256];
        var writer = new NetlinkWriter(buffer);
        writer.BeginMessage(type, 0, 0);
        writer.Write(new IfInfoMsg(0, 1, index, flags, change));
        writer.AttributeString((ushort)LinkAttribute.IfName, name);
        writer.AttributeU32((ushort)LinkAttribute.Mtu, 1500);
        writer.AttributeU8((ushort)LinkAttribute.OperState, (byte)(flags.HasFlag(InterfaceFlags.Running) ? OperState.Up : OperState.Down));
        writer.Attribute((ushort)LinkAttribute.Address, [2, 0, 0, 0, 0, 1]);
        return buffer[..writer.EndMessage()];
    }

    private static List<NetlinkEvent> Read(NetlinkMonitor monitor, byte[] datagram)
    {
        var events = new List<NetlinkEvent>();
        monitor.Read(datagram, events);
        return events;
    }

    [Fact]
    public void Link_lifecycle_is_classified_against_the_known_state()
    {
        using var monitor = new NetlinkMonitor(4096);

        var added = Assert.Single(Read(monitor, Link(NetlinkMessageType.NewLink, 5, "ve0", InterfaceFlags.Broadcast, IfInfoMsg.ChangeAll)));
        Assert.Equal(LinkEventKind.Added, Assert.IsType<LinkEvent>(added).Kind);
        Assert.Equal("020000000001", ((LinkEvent)added).Link.Mac.ToString());

        var up = (LinkEvent)Assert.Single(Read(monitor, Link(NetlinkMessageType.NewLink, 5, "ve0", UpRunning, 0)));
        Assert.Equal(LinkEventKind.Up, up.Kind);
        Assert.Equal(OperState.Up, up.Link.OperState);

        var same = (LinkEvent)Assert.Single(Read(monitor, Link(NetlinkMessageType.NewLink, 5, "ve0", UpRunning, 0)));
        Assert.Equal(LinkEventKind.Changed, same.Kind);

        var down = (LinkEvent)Assert.Single(Read(monitor, Link(NetlinkMessageType.NewLink, 5, "ve0", InterfaceFlags.Up, 0)));
        Assert.Equal(LinkEventKind.Down, down.Kind);

        var renamed = (LinkEvent)Assert.Single(Read(monitor, Link(NetlinkMessageType.NewLink, 5, "wan0", InterfaceFlags.Up, 0)));
        Assert.Equal(LinkEventKind.Renamed, renamed.Kind);
        Assert.Equal("ve0", renamed.PreviousName);

        var removed = (LinkEvent)Assert.Single(Read(monitor, Link(NetlinkMessageType.DelLink, 5, "wan0", InterfaceFlags.Up, 0)));
        Assert.Equal(LinkEventKind.Removed, removed.Kind);
    }

    [Fact]
    public void Seeded_state_and_change_bits_decide_for_first_sightings()
    {
        using var monitor = new NetlinkMonitor(4096);
        monitor.Seed([new NetlinkLink(9, "eth0", UpRunning, OperState.Up, System.Net.NetworkInformation.PhysicalAddress.None, 1500)]);

        Assert.Equal(LinkEventKind.Down, ((LinkEvent)Read(monitor, Link(NetlinkMessageType.NewLink, 9, "eth0", InterfaceFlags.Up, 0))[0]).Kind);
        // unknown index: IFF_UP in ifi_change says the flag moved
        Assert.Equal(LinkEventKind.Up, ((LinkEvent)Read(monitor, Link(NetlinkMessageType.NewLink, 11, "eth1", UpRunning, 1))[0]).Kind);
        Assert.Equal(LinkEventKind.Changed, ((LinkEvent)Read(monitor, Link(NetlinkMessageType.NewLink, 12, "eth2", UpRunning, 0))[0]).Kind);
    }

    [Fact]
    public void Address_messages_become_address_events_and_garbage_is_counted()
    {
        using var monitor = new NetlinkMonitor(4096);
        var buffer = new byte[128];
        var writer = new NetlinkWriter(buffer);
        writer.BeginMessage(NetlinkMessageType.DelAddr, 0, 0);
        writer.Write(new IfAddrMsg(2, 24, (byte)AddressFlags.Secondary, 0, 3));
        writer.AttributeAddress((ushort)AddressAttribute.Address, IPAddress.Parse("10.199.1.10"));
        writer.AttributeAddress((ushort)AddressAttribute.Local, IPAddress.Parse("10.199.1.10"));
        writer.AttributeString((ushort)AddressAttribute.Label, "ve0:vip");
        var length = writer.EndMessage();

        var e = Assert.IsType<AddressEvent>(Assert.Single(Read(monitor, buffer[..length])));
        Assert.Equal(AddressEventKind.Removed, e.Kind);
        Assert.Equal(IPAddress.Parse("10.199.1.10"), e.Address.Address);
        Assert.Null(e.Address.Peer);
        Assert.Equal("ve0:vip", e.Address.Label);
        Assert.True(e.Address.IsSecondary);

        // an RTM_NEWADDR too short for its ifaddrmsg
        Assert.Empty(Read(monitor, Convert.FromHexString("14000000" + "1400" + "0000" + "00000000" + "00000000" + "02180000")));
        Assert.Equal(1, monitor.MalformedMessages);
    }
}
