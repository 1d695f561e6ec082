using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// RTM_NEWADDR / RTM_DELADDR for a virtual or static address, with the attributes and flags
/// keepalived 2.2.7's netlink_ipaddress sends (vrrp_ipaddress.c).
/// </summary>
public static class AddressMessage
{
    /// <summary>INFINITY_LIFE_TIME.</summary>
    public const uint Forever = uint.MaxValue;

    /// <summary>sizeof(struct ifa_cacheinfo).</summary>
    private const int CacheInfoSize = 16;

    public static void Write(ref NetlinkWriter writer, VirtualIpAddress address, int interfaceIndex, bool add, uint sequence)
    {
        var ipv6 = address.IsIPv6;
        // no NLM_F_CREATE/EXCL: the kernel still creates, and answers EEXIST for a duplicate
        writer.BeginMessage(add ? NetlinkMessageType.NewAddr : NetlinkMessageType.DelAddr,
            NetlinkFlags.Request | NetlinkFlags.Ack, sequence);
        writer.Write(new IfAddrMsg(Family(address.Address), (byte)address.PrefixLength, 0, address.Scope, interfaceIndex));

        var flags = add ? Flags(address) : AddressFlags.None;
        if (ipv6)
        {
            if (add)
            {
                // a preferred lifetime of 0 deprecates the address (RFC 3484) so it is not picked
                // as a source address; keepalived's default for a /128 when none is configured
                var preferred = address.PreferredLifetime ?? (address.PrefixLength == 128 ? 0 : Forever);
                if (preferred != Forever)
                {
                    var cacheInfo = writer.Attribute((ushort)AddressAttribute.CacheInfo, CacheInfoSize);
                    HostOrder.WriteU32(cacheInfo, preferred);
                    HostOrder.WriteU32(cacheInfo[4..], Forever);
                }
                // VRRP does its own duplicate detection; DAD would leave a VIP taken over during
                // a split brain "dadfailed" for good, so it is off unless -nodad was configured
                if (!address.NoDad)
                    flags |= AddressFlags.NoDad;
            }
            writer.AttributeAddress((ushort)AddressAttribute.Local, address.Address);
        }
        else
        {
            writer.AttributeAddress((ushort)AddressAttribute.Local, address.Address);
            if (!add)
                writer.AttributeAddress((ushort)AddressAttribute.Address, address.Address);
            else if (address.Broadcast is { } broadcast && !broadcast.Equals(IPAddress.Any))
                writer.AttributeAddress((ushort)AddressAttribute.Broadcast, broadcast);
        }

        if (add)
        {
            if (flags != AddressFlags.None)
                writer.AttributeU32((ushort)AddressAttribute.Flags, (uint)flags);
            if (address.Label is { } label)
                writer.AttributeString((ushort)AddressAttribute.Label, label);
            if (address.Peer is { } peer && peer.AddressFamily == address.Address.AddressFamily)
                writer.AttributeAddress((ushort)AddressAttribute.Address, peer);
        }
        writer.EndMessage();
    }

    /// <summary>The IFA_F_* flags the configuration asks for (home, mngtmpaddr, noprefixroute, autojoin).</summary>
    public static AddressFlags Flags(VirtualIpAddress address)
    {
        var flags = AddressFlags.None;
        if (address.Home) flags |= AddressFlags.HomeAddress;
        if (address.ManageTempAddr) flags |= AddressFlags.ManageTempAddr;
        if (address.NoPrefixRoute) flags |= AddressFlags.NoPrefixRoute;
        if (address.AutoJoin) flags |= AddressFlags.McAutoJoin;
        return flags;
    }

    /// <summary>AF_INET / AF_INET6 for an address.</summary>
    public static byte Family(IPAddress address) => Family(address.AddressFamily);

    public static byte Family(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? (byte)10 : (byte)2;
}
