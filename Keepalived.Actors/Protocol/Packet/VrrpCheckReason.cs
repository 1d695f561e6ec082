namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// The outcome of <see cref="VrrpReceiveValidator.Check"/>, one value per check, listed in the
/// order they run. The counter each moves is named in brackets.
/// </summary>
public enum VrrpCheckReason
{
    /// <summary>A valid advertisement for this instance [advert_rcvd; pri_zero_rcvd if priority 0].</summary>
    Accepted,
    /// <summary>Fewer than the 8 header bytes: not even a VRID to route by (for the socket layer to count).</summary>
    TooShort,
    /// <summary>For another VRID: not an error for this instance; the socket layer routes by VRID.</summary>
    OtherVrid,
    /// <summary>IPv4: an AH where auth_type is not AH, or none where it is [authtype_mismatch].</summary>
    AuthHeaderMismatch,
    /// <summary>The received length is not what the address count announces [packet_len_err].</summary>
    LengthError,
    /// <summary>Multicast advert whose TTL / hop limit is not 255 [ip_ttl_err].</summary>
    TtlError,
    /// <summary>Not this instance's VRRP version (e.g. VRRPv2 for a VRRPv3 instance) [vers_err].</summary>
    VersionError,
    /// <summary>VRRPv2 auth type other than 0, 1, 2 [invalid_authtype].</summary>
    InvalidAuthType,
    /// <summary>VRRPv2 auth type not the configured one [authtype_mismatch].</summary>
    AuthTypeMismatch,
    /// <summary>VRRPv2 PASS with another password [auth_failure].</summary>
    AuthFailure,
    /// <summary>VRRPv2 AH protecting some other protocol: not for us, ignored.</summary>
    AuthHeaderOtherProtocol,
    /// <summary>VRRPv2 AH: the ICV is not verified by this implementation, so the advert is refused [auth_failure].</summary>
    AuthHeaderNotVerified,
    /// <summary>VRRPv2 interval differs from ours: ignored, to keep two masters from sharing a VRID [advert_interval_err].</summary>
    AdvertIntervalMismatch,
    /// <summary>Type other than 1 (ADVERTISEMENT) [invalid_type_rcvd].</summary>
    InvalidType,
    /// <summary>Address count differs from the instance's VIP count [addr_list_err].</summary>
    AddressCountMismatch,
    /// <summary>IPv4 header total length differs from what was received [packet_len_err].</summary>
    IpTotalLengthMismatch,
    /// <summary>Checksum wrong [chk_err].</summary>
    ChecksumError,
    /// <summary>Multicast advert for a unicast instance or the reverse [addr_list_err].</summary>
    MulticastUnicastMismatch,
    /// <summary>One of the instance's VIPs is not in the advert [advert_rcvd, addr_list_err].</summary>
    AddressMissing,
    /// <summary>check_unicast_src: the source is not a unicast peer [advert_rcvd only, as keepalived].</summary>
    UnicastSourceNotPeer,
    /// <summary>check_unicast_src: TTL outside the peer's min_ttl..max_ttl [advert_rcvd, ip_ttl_err].</summary>
    UnicastTtlOutOfRange,
}
