using System.Net.NetworkInformation;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>An interface as RTM_NEWLINK describes it.</summary>
public sealed record NetlinkLink(int Index, string Name, InterfaceFlags Flags, OperState OperState, PhysicalAddress Mac, int Mtu)
{
    /// <summary>IFF_UP and IFF_RUNNING: what keepalived calls an interface being up.</summary>
    public bool IsUp => (Flags & (InterfaceFlags.Up | InterfaceFlags.Running)) == (InterfaceFlags.Up | InterfaceFlags.Running);

    /// <summary>IFLA_LINK: the index of the link this one sits on (a macvlan's parent); 0 = none.</summary>
    public int LinkIndex { get; init; }

    /// <summary>IFLA_INFO_KIND ("macvlan", "veth", ...); null for a link without one.</summary>
    public string? Kind { get; init; }

    /// <summary>IFLA_MACVLAN_MODE of a macvlan; null otherwise.</summary>
    public MacvlanMode? MacvlanMode { get; init; }

    /// <summary>
    /// Reads an RTM_NEWLINK/RTM_DELLINK payload; null when it is too short or has no name
    /// (a malformed message the caller counts as dropped).
    /// </summary>
    public static NetlinkLink? Parse(in NetlinkMessage message) => Parse(message, out _);

    public static NetlinkLink? Parse(in NetlinkMessage message, out uint change)
    {
        change = 0;
        if (message.Payload.Length < IfInfoMsg.Size)
            return null;
        var info = IfInfoMsg.Read(message.Payload);
        change = info.Change;
        string? name = null;
        var operState = OperState.Unknown;
        var mac = PhysicalAddress.None;
        var mtu = 0;
        var linkIndex = 0;
        string? kind = null;
        MacvlanMode? mode = null;
        var attributes = message.Attributes(IfInfoMsg.Size);
        while (attributes.TryRead(out var a))
        {
            switch ((LinkAttribute)a.Type)
            {
                case LinkAttribute.IfName: name = a.String(); break;
                case LinkAttribute.OperState: operState = (OperState)(a.U8 ?? 0); break;
                case LinkAttribute.Address: mac = new PhysicalAddress(a.Value.ToArray()); break;
                case LinkAttribute.Mtu: mtu = (int)(a.U32 ?? 0); break;
                case LinkAttribute.Link: linkIndex = (int)(a.U32 ?? 0); break;
                case LinkAttribute.LinkInfo: ReadLinkInfo(a.Nested, ref kind, ref mode); break;
            }
        }
        return name is null || attributes.Malformed ? null : new NetlinkLink(info.Index, name, info.Flags, operState, mac, mtu)
        {
            LinkIndex = linkIndex,
            Kind = kind,
            MacvlanMode = mode,
        };
    }

    private static void ReadLinkInfo(AttributeReader info, ref string? kind, ref MacvlanMode? mode)
    {
        while (info.TryRead(out var a))
        {
            if (a.Type == (ushort)LinkInfoAttribute.Kind)
                kind = a.String();
            else if (a.Type == (ushort)LinkInfoAttribute.Data && kind == "macvlan")
            {
                var data = a.Nested;
                while (data.TryRead(out var d))
                    if (d.Type == (ushort)MacvlanAttribute.Mode && d.U32 is { } m)
                        mode = (MacvlanMode)m;
            }
        }
    }
}
