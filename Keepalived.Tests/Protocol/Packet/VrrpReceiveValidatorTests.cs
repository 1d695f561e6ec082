using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;
using static Keepalived.Tests.Protocol.Packet.PacketTestSupport;

namespace Keepalived.Tests.Protocol.Packet;

/// <summary>Every refusal of vrrp_check_packet, each with the counters it moves (and only those, once).</summary>
public class VrrpReceiveValidatorTests
{
    private const string Peer = "10.123.0.11";
    private const string Group = "224.0.0.18";

    private static readonly VrrpReceiveExpectations V2Pass = new()
    {
        Version = 2,
        Family = AddressFamily.InterNetwork,
        VirtualRouterId = 51,
        AdvertInterval = TimeSpan.FromSeconds(1),
        VirtualAddresses = [IPAddress.Parse("10.123.0.100")],
        AuthType = VrrpAuthType.Pass,
        AuthPass = "lab51",
    };

    private static readonly VrrpReceiveExpectations V3 = new()
    {
        Version = 3,
        Family = AddressFamily.InterNetwork,
        VirtualRouterId = 2,
        AdvertInterval = TimeSpan.FromSeconds(1),
        VirtualAddresses = [IPAddress.Parse("20.0.1.2"), IPAddress.Parse("20.0.1.3")],
    };

    private static readonly VrrpReceiveExpectations V3Unicast = V3 with
    {
        Unicast = true,
        CheckUnicastSource = true,
        UnicastPeers = [new UnicastPeer(IPAddress.Parse("20.0.0.3"), MinTtl: 2, MaxTtl: 64)],
    };

    private static byte[] V2Advert(byte priority = 150, ushort interval = 1, VrrpAuthType auth = VrrpAuthType.Pass,
        string password = "lab51", string[]? addresses = null, byte vrid = 51) =>
        Advert(V2(vrid, priority, interval, auth), Peer, Group, addresses ?? ["10.123.0.100"], password);

    private static byte[] V3Advert(string destination = Group, string source = "20.0.0.3", ushort interval = 100, byte priority = 254,
        string[]? addresses = null, string? checksumDestination = null) =>
        Advert(PacketTestSupport.V3(priority: priority, interval: interval), source, checksumDestination ?? destination, addresses ?? ["20.0.1.2", "20.0.1.3"]);

    /// <summary>Runs the check on a raw IPv4 datagram and asserts the reason and exactly which counters moved by one.</summary>
    private static VrrpCheckResult AssertChecked(VrrpReceiveValidator validator, byte[] datagram, VrrpCheckReason reason, params string[] counters)
    {
        var before = Snapshot(validator.Statistics);
        Assert.Equal(Ipv4ReadStatus.Ok, ReceivedDatagram.TryFromIpv4(datagram, out var received));
        var result = validator.Check(received);
        Assert.Equal(reason, result.Reason);
        var moved = Snapshot(validator.Statistics).Where(kv => kv.Value != before[kv.Key]).ToDictionary();
        Assert.Equal(counters.Order(), moved.Keys.Order());
        Assert.All(moved, kv => Assert.Equal(before[kv.Key] + 1, kv.Value));
        return result;
    }

    private static Dictionary<string, long> Snapshot(VrrpStatistics stats) =>
        typeof(VrrpStatistics).GetProperties().Where(p => p.PropertyType == typeof(long)).ToDictionary(p => p.Name, p => (long)p.GetValue(stats)!);

    private static byte[] WithAh(byte[] payload, byte nextHeader)
    {
        var ah = new byte[IpsecAh.Length];
        ah[0] = nextHeader;
        return Ipv4Datagram(Peer, Group, [.. ah, .. payload], protocol: VrrpConstants.IpProtocolAh);
    }

    [Fact]
    public void A_valid_v2_advert_is_accepted_and_counted_received()
    {
        var result = AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert()), VrrpCheckReason.Accepted, "AdvertRcvd");
        Assert.Equal(VrrpCheckOutcome.Accept, result.Outcome);
        Assert.Equal(VrrpCheckFlags.None, result.Flags);
        Assert.Null(result.Describe("VI_1"));
    }

    [Fact]
    public void Fewer_than_eight_bytes_have_no_vrid_to_route_by()
    {
        var result = AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert()[..7]), VrrpCheckReason.TooShort);
        Assert.Equal(VrrpCheckOutcome.Discard, result.Outcome);
    }

    [Fact]
    public void Another_vrid_is_not_an_error_of_this_instance()
    {
        var result = AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert(vrid: 52)), VrrpCheckReason.OtherVrid);
        Assert.Equal(VrrpCheckOutcome.OtherVrid, result.Outcome);
        Assert.Equal(52, result.Received);
    }

    [Fact]
    public void An_ah_header_for_a_pass_instance_is_an_auth_type_mismatch() =>
        AssertChecked(new(V2Pass), WithAh(V2Advert(), VrrpConstants.IpProtocolVrrp), VrrpCheckReason.AuthHeaderMismatch, "AuthtypeMismatch");

    [Fact]
    public void No_ah_header_for_an_ah_instance_is_an_auth_type_mismatch() =>
        AssertChecked(new(V2Pass with { AuthType = VrrpAuthType.Ah }), Ipv4Datagram(Peer, Group, V2Advert(auth: VrrpAuthType.Ah)),
            VrrpCheckReason.AuthHeaderMismatch, "AuthtypeMismatch");

    [Fact]
    public void A_trailing_byte_is_a_length_error()
    {
        var result = AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, [.. V2Advert(), 0]), VrrpCheckReason.LengthError, "PacketLenErr");
        Assert.Equal((21, 20), (result.Received, result.Expected));
    }

    [Fact]
    public void A_missing_address_is_a_length_error() =>
        AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert()[..16]), VrrpCheckReason.LengthError, "PacketLenErr");

    [Fact]
    public void Multicast_ttl_other_than_255_is_refused()
    {
        var result = AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert(), ttl: 254), VrrpCheckReason.TtlError, "IpTtlErr");
        Assert.Equal("(VI_1) invalid TTL/HL. Received 254 and expect 255", result.Describe("VI_1"));
    }

    [Fact]
    public void Unicast_has_no_ttl_255_rule() =>
        AssertChecked(new(V3Unicast), Ipv4Datagram("20.0.0.3", "20.0.0.4", V3Advert("20.0.0.4"), ttl: 64), VrrpCheckReason.Accepted, "AdvertRcvd");

    [Fact]
    public void A_v3_advert_for_a_v2_instance_is_a_version_error() =>
        AssertChecked(new(V2Pass with { VirtualRouterId = 2 }), Ipv4Datagram("20.0.0.3", Group, V3Advert()), VrrpCheckReason.VersionError, "VersErr");

    [Fact]
    public void A_v2_advert_for_a_v3_instance_is_a_version_error() =>
        AssertChecked(new(V3 with { VirtualRouterId = 51 }), Ipv4Datagram(Peer, Group, V2Advert()), VrrpCheckReason.VersionError, "VersErr");

    [Fact]
    public void An_undefined_auth_type_is_invalid() =>
        AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert(auth: (VrrpAuthType)3)), VrrpCheckReason.InvalidAuthType, "InvalidAuthtype");

    [Fact]
    public void No_authentication_for_a_pass_instance_is_a_mismatch() =>
        AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert(auth: VrrpAuthType.None)), VrrpCheckReason.AuthTypeMismatch, "AuthtypeMismatch");

    [Fact]
    public void A_wrong_password_is_an_auth_failure() =>
        AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert(password: "lab52")), VrrpCheckReason.AuthFailure, "AuthFailure");

    [Fact]
    public void Ah_for_another_protocol_is_ignored()
    {
        var result = AssertChecked(new(V2Pass with { AuthType = VrrpAuthType.Ah }), WithAh(V2Advert(auth: VrrpAuthType.Ah), 6), VrrpCheckReason.AuthHeaderOtherProtocol);
        Assert.Equal(VrrpCheckOutcome.Ignore, result.Outcome);
    }

    [Fact]
    public void Ah_adverts_are_refused_as_unverifiable() =>
        AssertChecked(new(V2Pass with { AuthType = VrrpAuthType.Ah }), WithAh(V2Advert(auth: VrrpAuthType.Ah), VrrpConstants.IpProtocolVrrp),
            VrrpCheckReason.AuthHeaderNotVerified, "AuthFailure");

    [Fact]
    public void A_v2_interval_mismatch_is_dropped()
    {
        var result = AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert(interval: 2)), VrrpCheckReason.AdvertIntervalMismatch, "AdvertIntervalErr");
        Assert.Equal(VrrpCheckOutcome.Ignore, result.Outcome);
        Assert.Equal("(VI_1) advertisement interval mismatch mine=1 sec rcv'd=2 sec", result.Describe("VI_1"));
    }

    [Fact]
    public void A_v3_interval_mismatch_is_accepted_and_flagged()
    {
        var result = AssertChecked(new(V3), Ipv4Datagram("20.0.0.3", Group, V3Advert(interval: 200)), VrrpCheckReason.Accepted, "AdvertRcvd");
        Assert.Equal(VrrpCheckFlags.AdvertIntervalMismatch, result.Flags);
        Assert.Equal((200, 100), (result.Received, result.Expected));
    }

    [Fact]
    public void A_type_other_than_advertisement_is_refused()
    {
        var fields = V2(51, 150, 1, VrrpAuthType.Pass) with { Type = 2 };
        AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, Advert(fields, Peer, Group, ["10.123.0.100"], "lab51")), VrrpCheckReason.InvalidType, "InvalidTypeRcvd");
    }

    [Fact]
    public void A_different_address_count_is_an_address_list_error() =>
        AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert(addresses: ["10.123.0.100", "10.123.0.101"])),
            VrrpCheckReason.AddressCountMismatch, "AddrListErr");

    [Fact]
    public void An_ip_total_length_other_than_received_is_a_length_error()
    {
        var datagram = Ipv4Datagram(Peer, Group, V2Advert());
        datagram[3] += 4;
        AssertChecked(new(V2Pass), datagram, VrrpCheckReason.IpTotalLengthMismatch, "PacketLenErr");
    }

    [Fact]
    public void A_wrong_v2_checksum_is_refused()
    {
        var advert = V2Advert();
        advert[7] ^= 1;
        AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, advert), VrrpCheckReason.ChecksumError, "ChkErr");
    }

    [Fact]
    public void A_v3_checksum_for_another_destination_is_refused() =>
        AssertChecked(new(V3), Ipv4Datagram("20.0.0.3", Group, V3Advert(checksumDestination: "224.0.0.19")), VrrpCheckReason.ChecksumError, "ChkErr");

    [Fact]
    public void V3_checksum_as_v2_verifies_without_the_pseudo_header()
    {
        var asV2 = Advert(PacketTestSupport.V3(interval: 100), "20.0.0.3", Group, ["20.0.1.2", "20.0.1.3"], v3ChecksumAsV2: true);
        AssertChecked(new(V3 with { V3ChecksumAsV2 = true }), Ipv4Datagram("20.0.0.3", Group, asV2), VrrpCheckReason.Accepted, "AdvertRcvd");
        AssertChecked(new(V3 with { V3ChecksumAsV2 = true }), Ipv4Datagram("20.0.0.3", Group, V3Advert()), VrrpCheckReason.ChecksumError, "ChkErr");
        AssertChecked(new(V3), Ipv4Datagram("20.0.0.3", Group, asV2), VrrpCheckReason.ChecksumError, "ChkErr");
    }

    [Fact]
    public void A_unicast_advert_for_a_multicast_instance_is_an_address_list_error()
    {
        var result = AssertChecked(new(V2Pass), Ipv4Datagram(Peer, "10.123.0.12", V2Advert()), VrrpCheckReason.MulticastUnicastMismatch, "AddrListErr");
        Assert.Equal("(VI_1) Expected multicast packet but received unicast packet", result.Describe("VI_1"));
    }

    [Fact]
    public void A_multicast_advert_for_a_unicast_instance_is_an_address_list_error() =>
        AssertChecked(new(V3Unicast), Ipv4Datagram("20.0.0.3", Group, V3Advert()), VrrpCheckReason.MulticastUnicastMismatch, "AddrListErr");

    [Fact]
    public void A_vip_missing_from_the_advert_is_counted_received_and_an_address_list_error() =>
        AssertChecked(new(V3), Ipv4Datagram("20.0.0.3", Group, V3Advert(addresses: ["20.0.1.2", "20.0.1.4"])), VrrpCheckReason.AddressMissing, "AdvertRcvd", "AddrListErr");

    [Fact]
    public void Vips_in_another_order_are_accepted() =>
        AssertChecked(new(V3), Ipv4Datagram("20.0.0.3", Group, V3Advert(addresses: ["20.0.1.3", "20.0.1.2"])), VrrpCheckReason.Accepted, "AdvertRcvd");

    [Fact]
    public void Skip_check_adv_addr_spares_the_followed_master_only()
    {
        var validator = new VrrpReceiveValidator(V3 with { SkipCheckAdvertAddresses = true });
        var wrong = Ipv4Datagram("20.0.0.3", Group, V3Advert(addresses: ["20.0.1.9"]));
        Assert.Equal(Ipv4ReadStatus.Ok, ReceivedDatagram.TryFromIpv4(wrong, out var received));

        Assert.Equal(VrrpCheckReason.Accepted, validator.Check(received, Ip("20.0.0.3")).Reason);
        Assert.Equal(VrrpCheckReason.AddressCountMismatch, validator.Check(received, Ip("20.0.0.4")).Reason);
        Assert.Equal(VrrpCheckReason.AddressCountMismatch, validator.Check(received).Reason);
        Assert.Equal(2, validator.Statistics.AddrListErr);
    }

    [Fact]
    public void A_unicast_source_not_among_the_peers_is_refused_without_an_error_counter() =>
        AssertChecked(new(V3Unicast), Ipv4Datagram("20.0.0.5", "20.0.0.4", V3Advert("20.0.0.4", source: "20.0.0.5")), VrrpCheckReason.UnicastSourceNotPeer, "AdvertRcvd");

    [Fact]
    public void Unicast_sources_are_not_checked_without_check_unicast_src() =>
        AssertChecked(new(V3Unicast with { CheckUnicastSource = false }), Ipv4Datagram("20.0.0.5", "20.0.0.4", V3Advert("20.0.0.4", source: "20.0.0.5"), ttl: 200),
            VrrpCheckReason.Accepted, "AdvertRcvd");

    [Fact]
    public void A_peer_ttl_outside_min_max_ttl_is_a_ttl_error() =>
        AssertChecked(new(V3Unicast), Ipv4Datagram("20.0.0.3", "20.0.0.4", V3Advert("20.0.0.4"), ttl: 65), VrrpCheckReason.UnicastTtlOutOfRange, "AdvertRcvd", "IpTtlErr");

    [Fact]
    public void Priority_zero_is_accepted_and_counted()
    {
        var result = AssertChecked(new(V2Pass), Ipv4Datagram(Peer, Group, V2Advert(priority: 0)), VrrpCheckReason.Accepted, "AdvertRcvd", "PriZeroRcvd");
        Assert.Equal(VrrpCheckFlags.PriorityZero, result.Flags);
    }

    [Fact]
    public void An_old_style_unicast_checksum_switches_the_instance_to_it()
    {
        var validator = new VrrpReceiveValidator(V3Unicast);
        var old = Ipv4Datagram("20.0.0.3", "20.0.0.4", V3Advert("20.0.0.4", checksumDestination: Group), ttl: 64);

        var result = AssertChecked(validator, old, VrrpCheckReason.Accepted, "AdvertRcvd");
        Assert.Equal(VrrpCheckFlags.OldUnicastChecksumDetected, result.Flags);
        Assert.Equal(UnicastChecksumCompatibility.Auto, validator.UnicastChecksumCompatibility);
        // From now on the old form is the expected one.
        Assert.Equal(VrrpCheckFlags.None, AssertChecked(validator, old, VrrpCheckReason.Accepted, "AdvertRcvd").Flags);
        AssertChecked(validator, Ipv4Datagram("20.0.0.3", "20.0.0.4", V3Advert("20.0.0.4"), ttl: 64), VrrpCheckReason.ChecksumError, "ChkErr");
    }

    [Fact]
    public void Old_unicast_checksum_never_keeps_the_peer_address() =>
        AssertChecked(new(V3Unicast with { UnicastChecksumCompatibility = UnicastChecksumCompatibility.Never }),
            Ipv4Datagram("20.0.0.3", "20.0.0.4", V3Advert("20.0.0.4", checksumDestination: Group)), VrrpCheckReason.ChecksumError, "ChkErr");

    [Fact]
    public void Ipv6_adverts_are_checked_with_the_ipv6_pseudo_header()
    {
        var expectations = V3 with
        {
            Family = AddressFamily.InterNetworkV6,
            VirtualAddresses = [IPAddress.Parse("2001:db8::2"), IPAddress.Parse("2001:db8::3")],
        };
        var validator = new VrrpReceiveValidator(expectations);
        var advert = Advert(PacketTestSupport.V3(interval: 100, ipv6: true), "fe80::1", "ff02::12", ["2001:db8::2", "2001:db8::3"]);

        Assert.True(validator.Check(new ReceivedDatagram(advert, Ip("fe80::1"), Ip("ff02::12"), 255)).IsAccepted);
        Assert.True(validator.Check(new ReceivedDatagram(advert, Ip("fe80::1"), Ip("ff02::12"), -1)).IsAccepted);
        Assert.Equal(VrrpCheckReason.TtlError, validator.Check(new ReceivedDatagram(advert, Ip("fe80::1"), Ip("ff02::12"), 64)).Reason);
        Assert.Equal(VrrpCheckReason.ChecksumError, validator.Check(new ReceivedDatagram(advert, Ip("fe80::2"), Ip("ff02::12"), 255)).Reason);
        var unicast = Advert(PacketTestSupport.V3(interval: 100, ipv6: true), "fe80::1", "fe80::9", ["2001:db8::2", "2001:db8::3"]);
        Assert.Equal(VrrpCheckReason.MulticastUnicastMismatch, validator.Check(new ReceivedDatagram(unicast, Ip("fe80::1"), Ip("fe80::9"), 255)).Reason);
        Assert.Equal((2, 1, 1, 1), (validator.Statistics.AdvertRcvd, validator.Statistics.IpTtlErr, validator.Statistics.ChkErr, validator.Statistics.AddrListErr));
    }

    [Fact]
    public void Reading_and_checking_does_not_allocate()
    {
        var validator = new VrrpReceiveValidator(V2Pass);
        var datagram = Ipv4Datagram(Peer, Group, V2Advert());
        var wrong = Ipv4Datagram(Peer, Group, V2Advert(password: "nope"));
        RunChecks(validator, datagram, wrong); // JIT and first-use costs out of the way

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunChecks(validator, datagram, wrong);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2000, validator.Statistics.AdvertRcvd);

        static void RunChecks(VrrpReceiveValidator validator, byte[] good, byte[] bad)
        {
            for (var i = 0; i < 1000; i++)
            {
                ReceivedDatagram.TryFromIpv4(good, out var d);
                VrrpAdvert.TryRead(d.Payload, AddressFamily.InterNetwork, out var advert);
                if (!validator.Check(d).IsAccepted || advert.Priority != 150)
                    throw new InvalidOperationException("valid advert refused");
                ReceivedDatagram.TryFromIpv4(bad, out d);
                validator.Check(d);
            }
        }
    }

    [Fact]
    public void Impossible_instances_are_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new VrrpReceiveValidator(V3 with { Version = 4 }));
        Assert.Throws<ArgumentException>(() => new VrrpReceiveValidator(V3 with { Family = AddressFamily.InterNetworkV6, Version = 2 }));
        Assert.Throws<ArgumentException>(() => new VrrpReceiveValidator(V3 with { VirtualAddresses = [IPAddress.Parse("2001:db8::1")] }));
        Assert.Throws<ArgumentException>(() => new VrrpReceiveValidator(V2Pass with { AuthPass = "123456789" }));
    }
}
