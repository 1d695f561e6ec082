using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// An address as RTM_NEWADDR describes it. <see cref="Address"/> is IFA_LOCAL when present
/// (the interface's own address), else IFA_ADDRESS; <see cref="Peer"/> is IFA_ADDRESS when it
/// differs (a point-to-point peer).
/// </summary>
public sealed record NetlinkAddress(
    AddressFamily Family, int InterfaceIndex, IPAddress Address, int PrefixLength, byte Scope,
    string? Label, AddressFlags Flags, IPAddress? Peer, IPAddress? Broadcast)
{
    public bool IsSecondary => (Flags & AddressFlags.Secondary) != 0;

    /// <summary>Reads an RTM_NEWADDR/RTM_DELADDR payload; null when malformed or not IPv4/IPv6.</summary>
    public static NetlinkAddress? Parse(in NetlinkMessage message)
    {
        if (message.Payload.Length < IfAddrMsg.Size)
            return null;
        var header = IfAddrMsg.Read(message.Payload);
        if (header.Family is not (2 or 10))
            return null;
        IPAddress? local = null, address = null, broadcast = null;
        string? label = null;
        var flags = (AddressFlags)header.Flags;
        var attributes = message.Attributes(IfAddrMsg.Size);
        while (attributes.TryRead(out var a))
        {
            switch ((AddressAttribute)a.Type)
            {
                case AddressAttribute.Local: local = a.Address(); break;
                case AddressAttribute.Address: address = a.Address(); break;
                case AddressAttribute.Broadcast: broadcast = a.Address(); break;
                case AddressAttribute.Label: label = a.String(); break;
                // IFA_FLAGS supersedes the 8-bit ifa_flags
                case AddressAttribute.Flags when a.U32 is { } all: flags = (AddressFlags)all; break;
            }
        }
        var own = local ?? address;
        if (own is null || attributes.Malformed)
            return null;
        var peer = local is not null && address is not null && !address.Equals(local) ? address : null;
        var family = header.Family == 10 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        return new NetlinkAddress(family, header.Index, own, header.PrefixLength, header.Scope, label, flags, peer, broadcast);
    }

    /// <summary>
    /// The address keepalived would take as an interface's primary one: the first IPv4 address
    /// that is not secondary, or for IPv6 the first link-local address.
    /// </summary>
    public static NetlinkAddress? Primary(IEnumerable<NetlinkAddress> addresses, int interfaceIndex, AddressFamily family)
    {
        foreach (var a in addresses)
        {
            if (a.InterfaceIndex != interfaceIndex || a.Family != family)
                continue;
            if (family == AddressFamily.InterNetworkV6 ? a.Address.IsIPv6LinkLocal : !a.IsSecondary)
                return a;
        }
        return null;
    }
}
