using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Tests.Protocol.Packet;

/// <summary>Addresses as bytes and adverts written with the codec under test.</summary>
internal static class PacketTestSupport
{
    public static byte[] Ip(string text) => IPAddress.Parse(text).GetAddressBytes();

    public static byte[] Packed(params string[] addresses) => [.. addresses.SelectMany(Ip)];

    public static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", ""));

    /// <summary>An advert with its checksum for <paramref name="source"/> → <paramref name="destination"/>.</summary>
    public static byte[] Advert(VrrpAdvertFields fields, string source, string destination, string[] addresses,
        string? password = null, bool v3ChecksumAsV2 = false)
    {
        var buffer = new byte[1024];
        var auth = password is null ? [] : System.Text.Encoding.UTF8.GetBytes(password);
        var length = VrrpAdvertWriter.Write(buffer, fields, Packed(addresses), auth,
            VrrpPseudoHeader.For(fields.Version, Ip(source), Ip(destination), v3ChecksumAsV2));
        return buffer[..length];
    }

    /// <summary>An IPv4 datagram as a raw socket delivers it: header, then <paramref name="payload"/>.</summary>
    public static byte[] Ipv4Datagram(string source, string destination, byte[] payload, byte ttl = 255, byte protocol = VrrpConstants.IpProtocolVrrp)
    {
        var datagram = new byte[Ipv4Header.MinimumLength + payload.Length];
        Ipv4Header.Write(datagram, Ip(source), Ip(destination), protocol, payload.Length, ttl);
        payload.CopyTo(datagram, Ipv4Header.MinimumLength);
        return datagram;
    }

    public static VrrpAdvertFields V2(byte vrid = 51, byte priority = 150, ushort interval = 1, VrrpAuthType auth = VrrpAuthType.None) =>
        new(2, AddressFamily.InterNetwork, vrid, priority, interval, auth);

    public static VrrpAdvertFields V3(byte vrid = 2, byte priority = 254, ushort interval = 100, bool ipv6 = false) =>
        new(3, ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, vrid, priority, interval);
}
