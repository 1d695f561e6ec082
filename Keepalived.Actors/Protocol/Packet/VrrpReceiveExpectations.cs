using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// What one instance expects of the adverts it receives: the static half of keepalived's
/// vrrp_t that vrrp_check_packet reads. Values are those of a completed configuration
/// (version 2 or 3, interval representable in that version, VIPs of the instance's family).
/// </summary>
public sealed record VrrpReceiveExpectations
{
    public required int Version { get; init; }
    public required AddressFamily Family { get; init; }
    public required byte VirtualRouterId { get; init; }
    public required TimeSpan AdvertInterval { get; init; }

    /// <summary>The instance's virtual_ipaddress entries (of <see cref="Family"/>), in configuration order.</summary>
    public IReadOnlyList<IPAddress> VirtualAddresses { get; init; } = [];

    /// <summary>VRRPv2 authentication (auth_type); AH only over IPv4.</summary>
    public VrrpAuthType AuthType { get; init; }
    /// <summary>auth_pass (at most 8 bytes of UTF-8; the configuration truncates longer ones).</summary>
    public string? AuthPass { get; init; }

    /// <summary>Adverts go to unicast peers: no TTL 255 rule, and they must not arrive multicast.</summary>
    public bool Unicast { get; init; }
    public IReadOnlyList<UnicastPeer> UnicastPeers { get; init; } = [];
    /// <summary>check_unicast_src (or global vrrp_check_unicast_src): a unicast advert's source must be a peer, its TTL in the peer's min_ttl..max_ttl.</summary>
    public bool CheckUnicastSource { get; init; }
    /// <summary>skip_check_adv_addr: a BACKUP does not check the address list of adverts from the master it already follows.</summary>
    public bool SkipCheckAdvertAddresses { get; init; }

    /// <summary>v3_checksum_as_v2: VRRPv3 over IPv4 checksums without the pseudo-header.</summary>
    public bool V3ChecksumAsV2 { get; init; }
    /// <summary>old_unicast_checksum (the validator's starting mode).</summary>
    public UnicastChecksumCompatibility UnicastChecksumCompatibility { get; init; }
    /// <summary>global_defs vrrp_mcast_group4, the pseudo-header destination of old unicast checksums.</summary>
    public IPAddress MulticastGroupIpv4 { get; init; } = VrrpConstants.MulticastGroupIpv4;

    /// <summary>The 8 bytes of authentication data a PASS advert must carry: the password, zero padded.</summary>
    public byte[] AuthData()
    {
        var data = new byte[VrrpConstants.AuthDataLength];
        if (AuthPass is { } pass && System.Text.Encoding.UTF8.GetByteCount(pass) > data.Length)
            throw new ArgumentException($"auth_pass is at most {data.Length} bytes");
        if (AuthPass is not null)
            System.Text.Encoding.UTF8.GetBytes(AuthPass, data);
        return data;
    }

    /// <summary>The virtual addresses packed in network order, as an advert carries them.</summary>
    public byte[] PackedVirtualAddresses()
    {
        var size = VrrpAdvert.AddressLength(Family);
        var packed = new byte[VirtualAddresses.Count * size];
        for (var i = 0; i < VirtualAddresses.Count; i++)
        {
            var address = VirtualAddresses[i];
            if (address.AddressFamily != Family)
                throw new ArgumentException($"virtual address {address} is not of the instance's family {Family}");
            address.TryWriteBytes(packed.AsSpan(i * size, size), out _);
        }
        return packed;
    }
}
