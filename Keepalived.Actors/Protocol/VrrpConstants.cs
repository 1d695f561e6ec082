using System.Net;

namespace Keepalived.Actors.Protocol;

/// <summary>
/// The protocol numbers, groups and limits of VRRP (RFC 3768 §5, RFC 5798 §5, RFC 9568) in one place.
/// </summary>
public static class VrrpConstants
{
    /// <summary>IP protocol number of VRRP (IPv4 protocol / IPv6 next header).</summary>
    public const byte IpProtocolVrrp = 112;

    /// <summary>IP protocol number of the IPsec Authentication Header (VRRPv2 auth_type AH).</summary>
    public const byte IpProtocolAh = 51;

    public const int Version2 = 2;
    public const int Version3 = 3;

    /// <summary>The only packet type defined: ADVERTISEMENT.</summary>
    public const int TypeAdvertisement = 1;

    /// <summary>Version/type, VRID, priority, count, two bytes of auth/interval, checksum.</summary>
    public const int HeaderLength = 8;

    /// <summary>VRRPv2 authentication data after the addresses (IPv4 only).</summary>
    public const int AuthDataLength = 8;

    public const int Ipv4AddressLength = 4;
    public const int Ipv6AddressLength = 16;

    /// <summary>TTL / hop limit an advertisement is sent with and must arrive with (multicast).</summary>
    public const int IpTtl = 255;

    /// <summary>The current master gives up (RFC 5798 §5.2.4).</summary>
    public const int PriorityStop = 0;
    public const int PriorityDefault = 100;
    /// <summary>The router owns the virtual addresses.</summary>
    public const int PriorityOwner = 255;

    /// <summary>VRRPv3 Max Adver Int is a 12-bit count of centiseconds; the top four bits are reserved.</summary>
    public const ushort V3AdvertIntervalMask = 0x0FFF;
    public static readonly TimeSpan V3AdvertIntervalUnit = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan V2AdvertIntervalUnit = TimeSpan.FromSeconds(1);

    public static readonly IPAddress MulticastGroupIpv4 = IPAddress.Parse("224.0.0.18");
    public static readonly IPAddress MulticastGroupIpv6 = IPAddress.Parse("ff02::12");

    /// <summary>224.0.0.18 in network order, for the pseudo-header without an IPAddress.</summary>
    public static ReadOnlySpan<byte> MulticastGroupIpv4Bytes => [224, 0, 0, 18];

    /// <summary>
    /// The virtual router MAC: 00-00-5E-00-01-{VRID} for IPv4, 00-00-5E-00-02-{VRID} for IPv6
    /// (RFC 5798 §7.3), written into <paramref name="destination"/> (6 bytes).
    /// </summary>
    public static void WriteVirtualMac(Span<byte> destination, byte virtualRouterId, bool ipv6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 6);
        destination[0] = 0x00;
        destination[1] = 0x00;
        destination[2] = 0x5e;
        destination[3] = 0x00;
        destination[4] = ipv6 ? (byte)0x02 : (byte)0x01;
        destination[5] = virtualRouterId;
    }
}
