namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// RTM_NEWLINK / RTM_DELLINK requests for a VMAC (keepalived 2.2.7's vrrp_vmac.c and
/// vrrp_if_config.c): create or update a private-mode macvlan, delete a link, set a link up,
/// stop the kernel adding an IPv6 link-local address, and set ipv4 devconf values. Attributes
/// of a create come in the order <c>ip link add</c> writes them, so the message can be compared
/// with iproute2's byte for byte.
/// </summary>
public static class LinkMessage
{
    private const byte AfUnspec = 0;
    private const byte AfInet = 2;
    private const ushort AfInet6 = 10;
    private const string MacvlanKind = "macvlan";

    /// <summary>Creates the macvlan <paramref name="name"/> on <paramref name="linkIndex"/> with <paramref name="mac"/> (fails with EEXIST if the name is taken).</summary>
    public static void WriteCreateMacvlan(ref NetlinkWriter writer, string name, int linkIndex, ReadOnlySpan<byte> mac, uint sequence)
    {
        writer.BeginMessage(NetlinkMessageType.NewLink,
            NetlinkFlags.Request | NetlinkFlags.Ack | NetlinkFlags.Excl | NetlinkFlags.Create, sequence);
        writer.Write(new IfInfoMsg(AfUnspec, 0, 0, InterfaceFlags.None, 0));
        writer.Attribute((ushort)LinkAttribute.Address, mac);
        writer.AttributeU32((ushort)LinkAttribute.Link, (uint)linkIndex);
        writer.AttributeString((ushort)LinkAttribute.IfName, name);
        WriteMacvlanInfo(ref writer);
        writer.EndMessage();
    }

    /// <summary>Makes an existing macvlan private with <paramref name="mac"/> (keepalived's "update old VMAC interface").</summary>
    public static void WriteUpdateMacvlan(ref NetlinkWriter writer, int index, ReadOnlySpan<byte> mac, uint sequence)
    {
        writer.BeginMessage(NetlinkMessageType.NewLink, NetlinkFlags.Request | NetlinkFlags.Ack, sequence);
        writer.Write(new IfInfoMsg(AfUnspec, 0, index, InterfaceFlags.None, 0));
        WriteMacvlanInfo(ref writer);
        writer.Attribute((ushort)LinkAttribute.Address, mac);
        writer.EndMessage();
    }

    /// <summary>Deletes the link (keepalived sends AF_INET in ifi_family; the kernel ignores it).</summary>
    public static void WriteDelete(ref NetlinkWriter writer, int index, uint sequence)
    {
        writer.BeginMessage(NetlinkMessageType.DelLink, NetlinkFlags.Request | NetlinkFlags.Ack, sequence);
        writer.Write(new IfInfoMsg(AfInet, 0, index, InterfaceFlags.None, 0));
        writer.EndMessage();
    }

    /// <summary>IFF_UP in both ifi_flags and ifi_change: only that flag changes.</summary>
    public static void WriteSetUp(ref NetlinkWriter writer, int index, uint sequence)
    {
        writer.BeginMessage(NetlinkMessageType.NewLink, NetlinkFlags.Request | NetlinkFlags.Ack, sequence);
        writer.Write(new IfInfoMsg(AfUnspec, 0, index, InterfaceFlags.Up, (uint)InterfaceFlags.Up));
        writer.EndMessage();
    }

    /// <summary>
    /// IFLA_AF_SPEC { AF_INET6 { IFLA_INET6_ADDR_GEN_MODE none } }: no EUI-64 link-local address
    /// from the virtual MAC, which every router of the VRID would share (RFC 5798 7.4). It must
    /// be sent before the link goes up, and cannot be part of the create.
    /// </summary>
    public static void WriteAddrGenModeNone(ref NetlinkWriter writer, int index, uint sequence)
    {
        writer.BeginMessage(NetlinkMessageType.NewLink, NetlinkFlags.Request | NetlinkFlags.Ack, sequence);
        writer.Write(new IfInfoMsg(AfUnspec, 0, index, InterfaceFlags.None, 0));
        var spec = writer.BeginNested((ushort)LinkAttribute.AfSpec);
        var inet6 = writer.BeginNested(AfInet6);
        writer.AttributeU8(AfSpecAttribute.Inet6AddrGenMode, AfSpecAttribute.AddrGenModeNone);
        writer.EndNested(inet6);
        writer.EndNested(spec);
        writer.EndMessage();
    }

    /// <summary>IFLA_AF_SPEC { AF_INET { IFLA_INET_CONF { id: u32 ... } } }: sets net.ipv4.conf.IF.* values.</summary>
    public static void WriteIpv4Conf(ref NetlinkWriter writer, int index, ReadOnlySpan<(Ipv4DevConf Id, uint Value)> settings, uint sequence)
    {
        writer.BeginMessage(NetlinkMessageType.NewLink, NetlinkFlags.Request | NetlinkFlags.Ack, sequence);
        writer.Write(new IfInfoMsg(AfUnspec, 0, index, InterfaceFlags.None, 0));
        var spec = writer.BeginNested((ushort)LinkAttribute.AfSpec);
        var inet = writer.BeginNested(AfInet);
        var conf = writer.BeginNested(AfSpecAttribute.InetConf);
        foreach (var (id, value) in settings)
            writer.AttributeU32((ushort)id, value);
        writer.EndNested(conf);
        writer.EndNested(inet);
        writer.EndNested(spec);
        writer.EndMessage();
    }

    /// <summary>IFLA_LINKINFO { IFLA_INFO_KIND "macvlan", IFLA_INFO_DATA { IFLA_MACVLAN_MODE private } }.</summary>
    private static void WriteMacvlanInfo(ref NetlinkWriter writer)
    {
        var info = writer.BeginNested((ushort)LinkAttribute.LinkInfo);
        // the kind goes without its NUL, as iproute2 and keepalived send it
        writer.AttributeString((ushort)LinkInfoAttribute.Kind, MacvlanKind, terminate: false);
        var data = writer.BeginNested((ushort)LinkInfoAttribute.Data);
        writer.AttributeU32((ushort)MacvlanAttribute.Mode, (uint)MacvlanMode.Private);
        writer.EndNested(data);
        writer.EndNested(info);
    }
}
