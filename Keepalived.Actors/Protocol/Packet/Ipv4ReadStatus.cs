namespace Keepalived.Actors.Protocol.Packet;

/// <summary>Why an IPv4 header (or the datagram around a VRRP message) could not be read.</summary>
public enum Ipv4ReadStatus
{
    Ok,
    /// <summary>Fewer bytes than the header (20, or IHL × 4) or the IPsec AH that follows it.</summary>
    TooShort,
    /// <summary>The version nibble is not 4.</summary>
    NotIpv4,
    /// <summary>IHL below 5 (a header is at least 20 bytes).</summary>
    BadHeaderLength,
}
