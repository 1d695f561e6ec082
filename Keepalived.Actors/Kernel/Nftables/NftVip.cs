using System.Net;
using System.Net.Sockets;
using System.Text;
using Keepalived.Actors.Config.Global;

namespace Keepalived.Actors.Kernel.Nftables;

/// <summary>The set of keepalived's tables a virtual address goes in.</summary>
public enum NftVipSet
{
    /// <summary>ip keepalived vips: the IPv4 addresses.</summary>
    Ipv4,
    /// <summary>ip6 keepalived vips: the IPv6 addresses that are not link-local.</summary>
    Ipv6,
    /// <summary>ip6 keepalived vips_link_local: link-local address . interface index.</summary>
    Ipv6LinkLocalIndex,
    /// <summary>ip6 keepalived vips_link_local_name: link-local address . interface name.</summary>
    Ipv6LinkLocalName,
}

/// <summary>
/// One element of keepalived's VIP sets. A link-local address is only unique with its
/// interface, so it is keyed with the interface's index, or with its name when the instance
/// does not track its interface (dont_track_primary: the index may change while the name stays).
/// </summary>
public sealed record NftVip(NftVipSet Set, IPAddress Address, int InterfaceIndex = 0, string? InterfaceName = null)
{
    /// <summary>IFNAMSIZ: an interface name key is zero-padded to it.</summary>
    public const int InterfaceNameSize = 16;

    public string SetName => Set switch
    {
        NftVipSet.Ipv6LinkLocalIndex => "vips_link_local",
        NftVipSet.Ipv6LinkLocalName => "vips_link_local_name",
        _ => "vips",
    };

    public byte Family => Set == NftVipSet.Ipv4 ? NfNetlinkConstants.ProtoIpv4 : NfNetlinkConstants.ProtoIpv6;

    public int KeyLength => KeyLengthOf(Set);

    public static int KeyLengthOf(NftVipSet set) => set switch
    {
        NftVipSet.Ipv4 => 4,
        NftVipSet.Ipv6 => 16,
        NftVipSet.Ipv6LinkLocalIndex => 16 + 4,
        _ => 16 + InterfaceNameSize,
    };

    /// <summary>The set key: the address in network order, then the index in host order or the padded name.</summary>
    public void WriteKey(Span<byte> key)
    {
        key[..KeyLength].Clear();
        Address.TryWriteBytes(key, out _);
        if (Set == NftVipSet.Ipv6LinkLocalIndex)
            BitConverter.TryWriteBytes(key[16..], InterfaceIndex);
        else if (Set == NftVipSet.Ipv6LinkLocalName && InterfaceName is not null)
            Encoding.UTF8.GetBytes(InterfaceName.AsSpan(0, Math.Min(InterfaceName.Length, InterfaceNameSize - 1)), key[16..]);
    }

    /// <summary>
    /// The element for a virtual address of an instance on <paramref name="instanceInterface"/>.
    /// As keepalived does, a link-local address is keyed by name when the instance has
    /// dont_track_primary (and nftables_ifindex is not set) and the address is on the instance's
    /// interface or has no_track; by index otherwise.
    /// </summary>
    public static NftVip For(VirtualIpAddress vip, string instanceInterface, bool dontTrackPrimary, bool forceIndex, Func<string, int> indexOf)
    {
        var address = vip.Address;
        if (address.AddressFamily == AddressFamily.InterNetwork) return new NftVip(NftVipSet.Ipv4, address);
        if (!address.IsIPv6LinkLocal) return new NftVip(NftVipSet.Ipv6, address);
        var device = vip.Device ?? instanceInterface;
        if (!forceIndex && dontTrackPrimary && (device == instanceInterface || vip.NoTrack))
            return new NftVip(NftVipSet.Ipv6LinkLocalName, address, InterfaceName: device);
        return new NftVip(NftVipSet.Ipv6LinkLocalIndex, address, indexOf(device));
    }
}
