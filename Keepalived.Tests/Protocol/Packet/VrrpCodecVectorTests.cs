using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;
using static Keepalived.Tests.Protocol.Packet.PacketTestSupport;

namespace Keepalived.Tests.Protocol.Packet;

/// <summary>Known checksums and keepalived's own bytes.</summary>
public class VrrpCodecVectorTests
{
    // keepalived 2.2.7: vrrp_instance VRID 51, priority 150, advert_int 1, auth PASS lab51, VIP 10.123.0.100, from 10.123.0.11.
    private static readonly byte[] KeepalivedV2 = Hex("21 33 96 01 01 01 3d 54 0a 7b 00 64 6c 61 62 35 31 00 00 00");

    [Fact]
    public void V3_ipv4_checksum_covers_the_pseudo_header()
    {
        var advert = Advert(V3(interval: 1), "20.0.0.3", "224.0.0.18", ["20.0.1.2", "20.0.1.3"]);

        Assert.Equal(Hex("31 02 fe 02 00 01 b2 5e 14 00 01 02 14 00 01 03"), advert);
        Assert.Equal(VrrpReadStatus.Ok, VrrpAdvert.TryRead(advert, AddressFamily.InterNetwork, out var read));
        Assert.Equal(0xb25e, read.Checksum);
        Assert.True(read.VerifyChecksum(new VrrpPseudoHeader(Ip("20.0.0.3"), Ip("224.0.0.18"))));
        Assert.False(read.VerifyChecksum(VrrpPseudoHeader.None));
    }

    [Fact]
    public void V3_ipv4_checksum_as_v2_omits_the_pseudo_header()
    {
        var advert = Advert(V3(interval: 1), "20.0.0.3", "224.0.0.18", ["20.0.1.2", "20.0.1.3"], v3ChecksumAsV2: true);

        Assert.Equal(VrrpReadStatus.Ok, VrrpAdvert.TryRead(advert, AddressFamily.InterNetwork, out var read));
        Assert.Equal(0xa6f4, read.Checksum);
        Assert.True(read.VerifyChecksum(VrrpPseudoHeader.None));
    }

    [Fact]
    public void V3_ipv6_checksum_covers_the_pseudo_header()
    {
        var advert = Advert(V3(interval: 1, ipv6: true), "2001:db8::1", "ff02::12", ["2001:db8::2", "2001:db8::3"]);

        Assert.Equal(8 + 32, advert.Length);
        Assert.Equal(VrrpReadStatus.Ok, VrrpAdvert.TryRead(advert, AddressFamily.InterNetworkV6, out var read));
        Assert.Equal(0x481b, read.Checksum);
        Assert.Equal(IPAddress.Parse("2001:db8::3"), read.GetAddress(1));
        // v3_checksum_as_v2 is an IPv4 option: IPv6 keeps the pseudo-header.
        Assert.False(VrrpPseudoHeader.For(3, Ip("2001:db8::1"), Ip("ff02::12"), v3ChecksumAsV2: true).IsEmpty);
    }

    [Fact]
    public void Keepalived_v2_advert_is_read_field_by_field()
    {
        Assert.Equal(VrrpReadStatus.Ok, VrrpAdvert.TryRead(KeepalivedV2, AddressFamily.InterNetwork, out var read));

        Assert.Equal(2, read.Version);
        Assert.Equal(1, read.Type);
        Assert.Equal(51, read.VirtualRouterId);
        Assert.Equal(150, read.Priority);
        Assert.Equal(1, read.AddressCount);
        Assert.Equal(VrrpAuthType.Pass, read.AuthType);
        Assert.Equal(1, read.AdvertIntervalField);
        Assert.Equal(TimeSpan.FromSeconds(1), read.AdvertInterval);
        Assert.Equal(0x3d54, read.Checksum);
        Assert.Equal(IPAddress.Parse("10.123.0.100"), read.GetAddress(0));
        Assert.Equal("lab51\0\0\0"u8.ToArray(), read.AuthData.ToArray());
        Assert.True(read.VerifyChecksum(VrrpPseudoHeader.For(2, Ip("10.123.0.11"), Ip("224.0.0.18"))));
    }

    [Fact]
    public void Writing_keepalived_v2_fields_gives_its_bytes()
    {
        var written = Advert(V2(51, 150, 1, VrrpAuthType.Pass), "10.123.0.11", "224.0.0.18", ["10.123.0.100"], "lab51");

        Assert.Equal(KeepalivedV2, written);
    }

    [Fact]
    public void V3_interval_is_twelve_bits_of_centiseconds_and_reserved_bits_are_ignored()
    {
        var advert = Advert(V3(interval: 4095), "20.0.0.3", "224.0.0.18", ["20.0.1.2"]);
        advert[4] |= 0xF0; // reserved bits set by a sender

        Assert.Equal(VrrpReadStatus.Ok, VrrpAdvert.TryRead(advert, AddressFamily.InterNetwork, out var read));
        Assert.Equal(4095, read.AdvertIntervalField);
        Assert.Equal(0xF, read.Reserved);
        Assert.Equal(TimeSpan.FromMilliseconds(40950), read.AdvertInterval);
        Assert.Equal(100, VrrpAdvertFields.IntervalField(3, TimeSpan.FromSeconds(1)));
        Assert.Equal(3, VrrpAdvertFields.IntervalField(2, TimeSpan.FromSeconds(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VrrpAdvertFields.IntervalField(2, TimeSpan.FromMilliseconds(1500)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VrrpAdvertFields.IntervalField(3, TimeSpan.FromSeconds(41)));
    }

    [Theory]
    [InlineData(7, VrrpReadStatus.TooShort)]
    [InlineData(19, VrrpReadStatus.Truncated)]
    [InlineData(21, VrrpReadStatus.TooLong)]
    public void Lengths_other_than_the_announced_one_are_refused(int length, VrrpReadStatus status)
    {
        var data = new byte[length];
        KeepalivedV2.AsSpan(0, Math.Min(length, KeepalivedV2.Length)).CopyTo(data);

        Assert.Equal(status, VrrpAdvert.TryRead(data, AddressFamily.InterNetwork, out _));
    }

    [Fact]
    public void Ipv4_header_is_read_from_a_raw_datagram()
    {
        var datagram = Ipv4Datagram("10.123.0.11", "224.0.0.18", KeepalivedV2, ttl: 254);

        Assert.Equal(Ipv4ReadStatus.Ok, Ipv4Header.TryRead(datagram, out var ip));
        Assert.Equal(4, ip.Version);
        Assert.Equal(20, ip.HeaderLength);
        Assert.Equal(0xC0, ip.TypeOfService);
        Assert.Equal(40, ip.TotalLength);
        Assert.Equal(254, ip.Ttl);
        Assert.Equal(112, ip.Protocol);
        Assert.Equal(Ip("10.123.0.11"), ip.Source.ToArray());
        Assert.Equal(Ip("224.0.0.18"), ip.Destination.ToArray());
        Assert.True(ip.VerifyHeaderChecksum());
        datagram[8] = 1;
        Assert.Equal(Ipv4ReadStatus.Ok, Ipv4Header.TryRead(datagram, out var changed));
        Assert.False(changed.VerifyHeaderChecksum());
    }

    [Fact]
    public void Ipv4_datagram_is_split_into_header_and_vrrp_message()
    {
        var datagram = Ipv4Datagram("10.123.0.11", "224.0.0.18", KeepalivedV2, ttl: 255);

        Assert.Equal(Ipv4ReadStatus.Ok, ReceivedDatagram.TryFromIpv4(datagram, out var received));
        Assert.Equal(KeepalivedV2, received.Payload.ToArray());
        Assert.Equal(255, received.HopLimit);
        Assert.True(received.IsMulticast);
        Assert.False(received.HasAuthenticationHeader);
        Assert.Equal(40, received.IpTotalLength);
        Assert.Equal(40, received.ReceivedLength);
    }

    [Theory]
    [InlineData("45", Ipv4ReadStatus.TooShort)]
    [InlineData("65 00 00 14 00 00 00 00 ff 70 00 00 0a 00 00 01 0a 00 00 02", Ipv4ReadStatus.NotIpv4)]
    [InlineData("44 00 00 14 00 00 00 00 ff 70 00 00 0a 00 00 01 0a 00 00 02", Ipv4ReadStatus.BadHeaderLength)]
    [InlineData("46 00 00 14 00 00 00 00 ff 70 00 00 0a 00 00 01 0a 00 00 02", Ipv4ReadStatus.TooShort)]
    [InlineData("45 00 00 14 00 00 00 00 ff 33 00 00 0a 00 00 01 0a 00 00 02 70", Ipv4ReadStatus.TooShort)]
    public void Broken_ipv4_headers_are_refused(string hex, Ipv4ReadStatus status)
    {
        Assert.Equal(status, ReceivedDatagram.TryFromIpv4(Hex(hex), out _));
    }

    [Fact]
    public void Constants_match_the_rfcs()
    {
        Span<byte> mac = stackalloc byte[6];
        VrrpConstants.WriteVirtualMac(mac, 51, ipv6: false);
        Assert.Equal(Hex("00 00 5e 00 01 33"), mac.ToArray());
        VrrpConstants.WriteVirtualMac(mac, 7, ipv6: true);
        Assert.Equal(Hex("00 00 5e 00 02 07"), mac.ToArray());
        Assert.Equal(112, VrrpConstants.IpProtocolVrrp);
        Assert.Equal(IPAddress.Parse("224.0.0.18"), VrrpConstants.MulticastGroupIpv4);
        Assert.Equal(VrrpConstants.MulticastGroupIpv4.GetAddressBytes(), VrrpConstants.MulticastGroupIpv4Bytes.ToArray());
        Assert.Equal(IPAddress.Parse("ff02::12"), VrrpConstants.MulticastGroupIpv6);
        Assert.Equal(255, VrrpConstants.IpTtl);
    }
}
