namespace Keepalived.Actors.Protocol.Packet;

/// <summary>Why <see cref="VrrpAdvert.TryRead"/> did or did not give an advertisement.</summary>
public enum VrrpReadStatus
{
    Ok,
    /// <summary>Fewer bytes than the 8-byte fixed header.</summary>
    TooShort,
    /// <summary>Fewer bytes than the header's address count (and VRRPv2 authentication data) need.</summary>
    Truncated,
    /// <summary>More bytes than the header's address count (and VRRPv2 authentication data) account for.</summary>
    TooLong,
}
