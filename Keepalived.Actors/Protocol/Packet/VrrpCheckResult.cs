namespace Keepalived.Actors.Protocol.Packet;

/// <summary>What the caller does with a checked datagram (keepalived's VRRP_PACKET_OK/KO/DROP/OTHER).</summary>
public enum VrrpCheckOutcome
{
    /// <summary>VRRP_PACKET_OK: run the state machine on it.</summary>
    Accept,
    /// <summary>VRRP_PACKET_KO: invalid, discarded.</summary>
    Discard,
    /// <summary>VRRP_PACKET_DROP: valid but not relevant to us, ignored.</summary>
    Ignore,
    /// <summary>VRRP_PACKET_OTHER: belongs to another VRID.</summary>
    OtherVrid,
}

/// <summary>Notes on an accepted advert the caller may act on or log.</summary>
[Flags]
public enum VrrpCheckFlags
{
    None = 0,
    /// <summary>VRRPv3 interval differs from ours: accepted (RFC 5798 §6.4.2 adopts the master's), worth a log line.</summary>
    AdvertIntervalMismatch = 1,
    /// <summary>The advert verified only with keepalived ≤ 1.3.6's unicast checksum; the validator now uses that mode ("Setting unicast VRRPv3 checksum to old version").</summary>
    OldUnicastChecksumDetected = 2,
    /// <summary>Priority 0: the master is giving up.</summary>
    PriorityZero = 4,
}

/// <summary>
/// The verdict on one datagram. <see cref="Received"/> and <see cref="Expected"/> carry the two
/// values a failed comparison was about (TTL, version, auth type, length, count, interval...).
/// </summary>
public readonly record struct VrrpCheckResult(VrrpCheckReason Reason, VrrpCheckFlags Flags = VrrpCheckFlags.None, long Received = 0, long Expected = 0)
{
    public VrrpCheckOutcome Outcome => Reason switch
    {
        VrrpCheckReason.Accepted => VrrpCheckOutcome.Accept,
        VrrpCheckReason.OtherVrid => VrrpCheckOutcome.OtherVrid,
        VrrpCheckReason.AdvertIntervalMismatch or VrrpCheckReason.AuthHeaderOtherProtocol => VrrpCheckOutcome.Ignore,
        _ => VrrpCheckOutcome.Discard,
    };

    public bool IsAccepted => Reason == VrrpCheckReason.Accepted;

    /// <summary>A log line in keepalived's words for a result that is not a plain acceptance (null when there is nothing to say).</summary>
    public string? Describe(string instanceName) => Reason switch
    {
        VrrpCheckReason.Accepted when Flags.HasFlag(VrrpCheckFlags.OldUnicastChecksumDetected) => $"({instanceName}) Setting unicast VRRPv3 checksum to old version",
        VrrpCheckReason.Accepted when Flags.HasFlag(VrrpCheckFlags.AdvertIntervalMismatch) => $"({instanceName}) advertisement interval mismatch ours = {Expected} centi-sec rcv'd={Received} centi-sec",
        VrrpCheckReason.Accepted => null,
        VrrpCheckReason.TooShort => $"({instanceName}) VRRP packet too short - {Received} bytes",
        VrrpCheckReason.OtherVrid => $"({instanceName}) advert for VRID {Received}, not ours ({Expected})",
        VrrpCheckReason.AuthHeaderMismatch => Received != 0 ? $"({instanceName}) Received AH header but auth type not AH" : $"({instanceName}) No AH header but auth type is AH",
        VrrpCheckReason.LengthError => $"({instanceName}) vrrp packet too {(Received > Expected ? "long" : "short")}, length {Received} and expect {Expected}",
        VrrpCheckReason.TtlError => $"({instanceName}) invalid TTL/HL. Received {Received} and expect {Expected}",
        VrrpCheckReason.VersionError => $"({instanceName}) wrong version. Received {Received} and expect {Expected}",
        VrrpCheckReason.InvalidAuthType => $"({instanceName}) Invalid auth type: {Received}",
        VrrpCheckReason.AuthTypeMismatch => $"({instanceName}) received a {Received} auth, expecting {Expected}!",
        VrrpCheckReason.AuthFailure => $"({instanceName}) received an invalid passwd!",
        VrrpCheckReason.AuthHeaderOtherProtocol => $"({instanceName}) AH header for protocol {Received}, ignoring",
        VrrpCheckReason.AuthHeaderNotVerified => $"({instanceName}) AH authentication is not supported; advert refused",
        VrrpCheckReason.AdvertIntervalMismatch => $"({instanceName}) advertisement interval mismatch mine={Expected} sec rcv'd={Received} sec",
        VrrpCheckReason.InvalidType => $"({instanceName}) Invalid packet type. {Received} and expect {Expected}",
        VrrpCheckReason.AddressCountMismatch => $"({instanceName}) received an unexpected ip number count {Received}, expected {Expected}!",
        VrrpCheckReason.IpTotalLengthMismatch => $"({instanceName}) ip_tot_len mismatch against received length. {Received} and received {Expected}",
        VrrpCheckReason.ChecksumError => $"({instanceName}) Invalid VRRPv{Received} checksum",
        VrrpCheckReason.MulticastUnicastMismatch => Expected != 0
            ? $"({instanceName}) Expected unicast packet but received multicast packet"
            : $"({instanceName}) Expected multicast packet but received unicast packet",
        VrrpCheckReason.AddressMissing => $"({instanceName}) ip address associated with VRID {Expected} not present in MASTER advert (VIP #{Received + 1})",
        VrrpCheckReason.UnicastSourceNotPeer => $"({instanceName}) unicast source address not a unicast peer",
        VrrpCheckReason.UnicastTtlOutOfRange => $"({instanceName}) TTL/HL {Received} not in the unicast peer's range",
        _ => $"({instanceName}) {Reason}",
    };
}
