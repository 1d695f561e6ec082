using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;
using static Keepalived.Tests.Protocol.Packet.PacketTestSupport;

namespace Keepalived.Tests.Protocol.Packet;

/// <summary>
/// Datagrams keepalived 2.2.7 sent (captured with tcpdump on a veth pair between two network
/// namespaces, 10.199.0.1 → 10.199.0.2 / fd00:199::/64) pass the validator and rewrite byte for byte.
/// </summary>
public class KeepalivedCaptureTests
{
    // VRRPv3, VRID 2, priority 254, advert_int 1, VIP 10.199.1.2, multicast.
    private static readonly byte[] V3Multicast = Hex("45c0002000010000ff70cfd20ac70001e0000012 3102fe010064d9770ac70102");
    // The same instance at shutdown: priority 0.
    private static readonly byte[] V3MulticastStop = Hex("45c0002000050000ff70cfce0ac70001e0000012 310200010064d7780ac70102");
    // VRRPv3, VRID 7, priority 200, advert_int 0.5, VIP 10.199.1.7, unicast to 10.199.0.2 (pseudo-header holds the peer).
    private static readonly byte[] V3Unicast = Hex("45c0002000010000ff70a51c0ac700010ac70002 3107c8010032e4e90ac70107");
    // VRRPv3 over IPv6 (after the 40-byte header), VRID 9, priority 100, VIP fd00:199::9, from a link-local address.
    private static readonly byte[] V3Ipv6 = Hex("310964010064ce7e fd000199000000000000000000000009");
    private const string V3Ipv6Source = "fe80::985b:84ff:fe7e:8377";

    private static VrrpReceiveExpectations Instance(byte vrid, string vip, double seconds = 1) => new()
    {
        Version = 3,
        Family = IPAddress.Parse(vip).AddressFamily,
        VirtualRouterId = vrid,
        AdvertInterval = TimeSpan.FromSeconds(seconds),
        VirtualAddresses = [IPAddress.Parse(vip)],
    };

    private static VrrpCheckResult CheckIpv4(VrrpReceiveValidator validator, byte[] datagram)
    {
        Assert.Equal(Ipv4ReadStatus.Ok, ReceivedDatagram.TryFromIpv4(datagram, out var received));
        return validator.Check(received);
    }

    [Fact]
    public void Multicast_v3_adverts_are_accepted_and_priority_zero_counted()
    {
        var validator = new VrrpReceiveValidator(Instance(2, "10.199.1.2"));

        Assert.Equal(VrrpCheckFlags.None, CheckIpv4(validator, V3Multicast).Flags);
        Assert.Equal(VrrpCheckFlags.PriorityZero, CheckIpv4(validator, V3MulticastStop).Flags);
        Assert.Equal((2, 1), (validator.Statistics.AdvertRcvd, validator.Statistics.PriZeroRcvd));
    }

    [Fact]
    public void Unicast_v3_advert_checksums_with_the_peer_address()
    {
        var validator = new VrrpReceiveValidator(Instance(7, "10.199.1.7", 0.5) with
        {
            Unicast = true,
            CheckUnicastSource = true,
            UnicastPeers = [new UnicastPeer(IPAddress.Parse("10.199.0.1"))],
        });

        var result = CheckIpv4(validator, V3Unicast);

        Assert.Equal(VrrpCheckReason.Accepted, result.Reason);
        Assert.Equal(VrrpCheckFlags.None, result.Flags);
        Assert.Equal(UnicastChecksumCompatibility.None, validator.UnicastChecksumCompatibility);
    }

    [Fact]
    public void Ipv6_v3_advert_is_accepted()
    {
        var validator = new VrrpReceiveValidator(Instance(9, "fd00:199::9"));

        var result = validator.Check(new ReceivedDatagram(V3Ipv6, Ip(V3Ipv6Source), Ip("ff02::12"), 255));

        Assert.Equal(VrrpCheckReason.Accepted, result.Reason);
    }

    [Theory]
    [InlineData("multicast")]
    [InlineData("unicast")]
    public void Writing_the_same_fields_reproduces_keepalived_ipv4_datagrams(string which)
    {
        var captured = which == "multicast" ? V3Multicast : V3Unicast;
        Assert.Equal(Ipv4ReadStatus.Ok, Ipv4Header.TryRead(captured, out var ip));
        Assert.Equal(VrrpReadStatus.Ok, VrrpAdvert.TryRead(captured.AsSpan(20), AddressFamily.InterNetwork, out var advert));

        var fields = new VrrpAdvertFields(advert.Version, AddressFamily.InterNetwork, advert.VirtualRouterId, advert.Priority, advert.AdvertIntervalField);
        var written = new byte[captured.Length];
        var length = VrrpAdvertWriter.Write(written.AsSpan(20), fields, advert.AddressBytes, default, VrrpPseudoHeader.For(3, ip.Source, ip.Destination));
        Ipv4Header.Write(written, ip.Source, ip.Destination, VrrpConstants.IpProtocolVrrp, length);
        // keepalived's IP id (1 here) where ours is 0; the header checksum follows it.
        written[5] = captured[5];
        written[10] = 0;
        written[11] = 0;
        var headerChecksum = InternetChecksum.Compute(written.AsSpan(0, 20));
        written[10] = (byte)(headerChecksum >> 8);
        written[11] = (byte)headerChecksum;

        Assert.Equal(captured, written);
    }
}
