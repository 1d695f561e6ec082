using System.Net.Sockets;
using System.Security.Cryptography;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// Receive validation of one instance's adverts: RFC 3768 §7.1 / RFC 5798 §7.1 in the order
/// of keepalived 2.2.7's vrrp_check_packet (after the dispatcher's VRID routing), counting each
/// refusal in <see cref="Statistics"/> under keepalived's name. Pure: no I/O, no allocation
/// per datagram, no exception for any content of the datagram.
/// </summary>
/// <remarks>
/// Address list (keepalived 2.2.7, whatever the version or strict mode): when addresses are
/// checked, a count different from the VIP count, or a VIP of ours missing from the advert,
/// discards the advert; extra or reordered addresses are not looked at beyond that. The only
/// switch is skip_check_adv_addr, which spares a BACKUP the check for adverts from the master
/// it already follows (see <see cref="Check"/>'s masterSource). A MASTER always checks.
/// </remarks>
public sealed class VrrpReceiveValidator
{
    private readonly VrrpReceiveExpectations expected;
    private readonly byte[] virtualAddresses;
    private readonly byte[] authData;
    private readonly byte[] multicastGroup4 = new byte[VrrpConstants.Ipv4AddressLength];
    private readonly (byte[] Address, int MinTtl, int MaxTtl)[] peers;
    private readonly int addressLength;

    public VrrpReceiveValidator(VrrpReceiveExpectations expectations, VrrpStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        if (expectations.Version is not (VrrpConstants.Version2 or VrrpConstants.Version3))
            throw new ArgumentException($"VRRP version must be 2 or 3, not {expectations.Version}");
        // keepalived runs IPv6 instances as VRRPv3, and AH exists only for VRRPv2 over IPv4.
        if (expectations.Family == AddressFamily.InterNetworkV6 && (expectations.Version == VrrpConstants.Version2 || expectations.AuthType == VrrpAuthType.Ah))
            throw new ArgumentException("IPv6 instances are VRRPv3 without AH");
        expected = expectations;
        addressLength = VrrpAdvert.AddressLength(expectations.Family);
        virtualAddresses = expectations.PackedVirtualAddresses();
        authData = expectations.AuthData();
        if (!expectations.MulticastGroupIpv4.TryWriteBytes(multicastGroup4, out _))
            throw new ArgumentException("vrrp_mcast_group4 must be an IPv4 address");
        peers = [.. expectations.UnicastPeers
            .Where(p => p.Address.AddressFamily == expectations.Family)
            .Select(p => (p.Address.GetAddressBytes(), p.MinTtl, p.MaxTtl))];
        Statistics = statistics ?? new VrrpStatistics();
        UnicastChecksumCompatibility = expectations.UnicastChecksumCompatibility;
    }

    public VrrpReceiveExpectations Expectations => expected;
    public VrrpStatistics Statistics { get; }

    /// <summary>Starts as configured; becomes <see cref="Packet.UnicastChecksumCompatibility.Auto"/> when an old-style unicast checksum is seen.</summary>
    public UnicastChecksumCompatibility UnicastChecksumCompatibility { get; private set; }

    /// <summary>
    /// Checks one datagram. <paramref name="masterSource"/> is the address of the master a
    /// BACKUP currently follows (empty otherwise): with skip_check_adv_addr its adverts skip
    /// the address checks, as keepalived's vrrp_state_backup does.
    /// </summary>
    public VrrpCheckResult Check(in ReceivedDatagram datagram, ReadOnlySpan<byte> masterSource = default)
    {
        var message = datagram.Payload;
        if (message.Length < VrrpConstants.HeaderLength)
            return new(VrrpCheckReason.TooShort, Received: message.Length, Expected: VrrpConstants.HeaderLength);
        if (message[1] != expected.VirtualRouterId)
            return new(VrrpCheckReason.OtherVrid, Received: message[1], Expected: expected.VirtualRouterId);

        var stats = Statistics;
        var ipv4 = expected.Family == AddressFamily.InterNetwork;
        var checkAddresses = !expected.SkipCheckAdvertAddresses || masterSource.IsEmpty || !masterSource.SequenceEqual(datagram.Source);

        // AH presence is decided by the IP header alone, so keepalived looks at it first.
        if (ipv4 && datagram.HasAuthenticationHeader != (expected.AuthType == VrrpAuthType.Ah))
        {
            stats.AuthtypeMismatch++;
            return new(VrrpCheckReason.AuthHeaderMismatch, Received: datagram.HasAuthenticationHeader ? 1 : 0);
        }

        // MUST: the whole packet (fixed fields and addresses) was received, nothing more.
        var length = VrrpAdvert.ExpectedLength(message, expected.Family);
        if (message.Length != length)
        {
            stats.PacketLenErr++;
            return new(VrrpCheckReason.LengthError, Received: message.Length, Expected: length);
        }

        // MUST: TTL / hop limit 255, which proves the sender is on the link (not for unicast).
        if (!expected.Unicast && datagram.HopLimit != -1 && datagram.HopLimit != VrrpConstants.IpTtl)
        {
            stats.IpTtlErr++;
            return new(VrrpCheckReason.TtlError, Received: datagram.HopLimit, Expected: VrrpConstants.IpTtl);
        }

        var version = message[0] >> 4;
        if (version != expected.Version)
        {
            stats.VersErr++;
            return new(VrrpCheckReason.VersionError, Received: version, Expected: expected.Version);
        }

        if (version == VrrpConstants.Version2 && CheckV2(message, datagram) is { } refused)
            return refused;

        var type = message[0] & 0x0F;
        if (type != VrrpConstants.TypeAdvertisement)
        {
            stats.InvalidTypeRcvd++;
            return new(VrrpCheckReason.InvalidType, Received: type, Expected: VrrpConstants.TypeAdvertisement);
        }

        var count = message[3];
        var vipCount = virtualAddresses.Length / addressLength;
        if (checkAddresses && count != vipCount)
        {
            stats.AddrListErr++;
            return new(VrrpCheckReason.AddressCountMismatch, Received: count, Expected: vipCount);
        }

        if (datagram.IpTotalLength >= 0 && datagram.IpTotalLength != datagram.ReceivedLength)
        {
            stats.PacketLenErr++;
            return new(VrrpCheckReason.IpTotalLengthMismatch, Received: datagram.IpTotalLength, Expected: datagram.ReceivedLength);
        }

        var flags = VrrpCheckFlags.None;
        if (!VerifyChecksum(message, datagram, ref flags))
        {
            stats.ChkErr++;
            return new(VrrpCheckReason.ChecksumError, Received: version);
        }

        if (datagram.IsMulticast == expected.Unicast)
        {
            stats.AddrListErr++;
            return new(VrrpCheckReason.MulticastUnicastMismatch, Expected: expected.Unicast ? 1 : 0);
        }

        // Right type, version and length: keepalived counts it received from here on.
        stats.AdvertRcvd++;

        if (checkAddresses && CheckAddresses(message, datagram) is { } addressRefusal)
            return addressRefusal;

        long receivedInterval = 0, expectedInterval = 0;
        if (version == VrrpConstants.Version3)
        {
            // SHOULD (RFC 5798 §7.1): differing intervals are accepted; the backup adopts the master's.
            receivedInterval = message[5] | ((message[4] & 0x0F) << 8);
            expectedInterval = expected.AdvertInterval.Ticks / VrrpConstants.V3AdvertIntervalUnit.Ticks;
            if (receivedInterval != expectedInterval)
                flags |= VrrpCheckFlags.AdvertIntervalMismatch;
        }

        if (message[2] == VrrpConstants.PriorityStop)
        {
            stats.PriZeroRcvd++;
            flags |= VrrpCheckFlags.PriorityZero;
        }
        return new(VrrpCheckReason.Accepted, flags, receivedInterval, expectedInterval);
    }

    /// <summary>VRRPv2 authentication, then the interval (RFC 3768 §7.1's order, as keepalived).</summary>
    private VrrpCheckResult? CheckV2(ReadOnlySpan<byte> message, in ReceivedDatagram datagram)
    {
        var stats = Statistics;
        var authType = message[4];
        if (authType > (byte)VrrpAuthType.Ah)
        {
            stats.InvalidAuthtype++;
            return new(VrrpCheckReason.InvalidAuthType, Received: authType);
        }
        if (authType != (byte)expected.AuthType)
        {
            stats.AuthtypeMismatch++;
            return new(VrrpCheckReason.AuthTypeMismatch, Received: authType, Expected: (byte)expected.AuthType);
        }
        if (expected.AuthType == VrrpAuthType.Pass)
        {
            // Constant time, so the comparison does not leak how much of a guess was right.
            var auth = VrrpAdvert.HasAuthData(VrrpConstants.Version2, expected.Family) ? message[^VrrpConstants.AuthDataLength..] : default;
            if (!CryptographicOperations.FixedTimeEquals(auth, authData))
            {
                stats.AuthFailure++;
                return new(VrrpCheckReason.AuthFailure);
            }
        }
        else if (expected.AuthType == VrrpAuthType.Ah)
        {
            var nextHeader = IpsecAh.NextHeader(datagram.AuthenticationHeader);
            if (nextHeader != VrrpConstants.IpProtocolVrrp)
                return new(VrrpCheckReason.AuthHeaderOtherProtocol, Received: nextHeader);
            stats.AuthFailure++;
            return new(VrrpCheckReason.AuthHeaderNotVerified);
        }

        var interval = message[5];
        var mine = expected.AdvertInterval.Ticks / VrrpConstants.V2AdvertIntervalUnit.Ticks;
        if (interval * VrrpConstants.V2AdvertIntervalUnit != expected.AdvertInterval)
        {
            // Dropped so two routers with different intervals never both act as master of the VRID.
            stats.AdvertIntervalErr++;
            return new(VrrpCheckReason.AdvertIntervalMismatch, Received: interval, Expected: mine);
        }
        return null;
    }

    private bool VerifyChecksum(ReadOnlySpan<byte> message, in ReceivedDatagram datagram, ref VrrpCheckFlags flags)
    {
        var version = message[0] >> 4;
        var ipv4V3 = !datagram.IsIpv6 && version == VrrpConstants.Version3 && !expected.V3ChecksumAsV2;
        var compat = UnicastChecksumCompatibility;
        var destination = ipv4V3 && compat is UnicastChecksumCompatibility.Config or UnicastChecksumCompatibility.Auto
            ? multicastGroup4
            : datagram.Destination;
        if (VrrpChecksum.Verify(message, VrrpPseudoHeader.For(version, datagram.Source, destination, expected.V3ChecksumAsV2)))
            return true;

        // keepalived ≤ 1.3.6 put the multicast group in unicast pseudo-headers; follow a peer that still does.
        if (!ipv4V3 || !expected.Unicast || compat != UnicastChecksumCompatibility.None || destination.SequenceEqual(multicastGroup4) ||
            !VrrpChecksum.Verify(message, new VrrpPseudoHeader(datagram.Source, multicastGroup4)))
            return false;
        UnicastChecksumCompatibility = UnicastChecksumCompatibility.Auto;
        flags |= VrrpCheckFlags.OldUnicastChecksumDetected;
        return true;
    }

    /// <summary>The "MAY verify" address checks, and check_unicast_src.</summary>
    private VrrpCheckResult? CheckAddresses(ReadOnlySpan<byte> message, in ReceivedDatagram datagram)
    {
        var received = message.Slice(VrrpConstants.HeaderLength, message[3] * addressLength);
        for (var i = 0; i * addressLength < virtualAddresses.Length; i++)
        {
            if (!Contains(received, virtualAddresses.AsSpan(i * addressLength, addressLength)))
            {
                Statistics.AddrListErr++;
                return new(VrrpCheckReason.AddressMissing, Received: i, Expected: expected.VirtualRouterId);
            }
        }

        if (!expected.Unicast || !expected.CheckUnicastSource)
            return null;
        foreach (var (address, minTtl, maxTtl) in peers)
        {
            if (!datagram.Source.SequenceEqual(address))
                continue;
            if (datagram.HopLimit != -1 && (datagram.HopLimit < minTtl || datagram.HopLimit > maxTtl))
            {
                Statistics.IpTtlErr++;
                return new(VrrpCheckReason.UnicastTtlOutOfRange, Received: datagram.HopLimit, Expected: minTtl);
            }
            return null;
        }
        return new(VrrpCheckReason.UnicastSourceNotPeer);
    }

    private bool Contains(ReadOnlySpan<byte> packed, ReadOnlySpan<byte> address)
    {
        for (var offset = 0; offset < packed.Length; offset += addressLength)
            if (packed.Slice(offset, addressLength).SequenceEqual(address))
                return true;
        return false;
    }
}
