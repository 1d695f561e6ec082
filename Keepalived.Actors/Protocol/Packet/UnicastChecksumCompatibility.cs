namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// keepalived's old_unicast_checksum (chksum_compatibility in vrrp.h): keepalived 1.3.6 and
/// earlier put the multicast group, not the unicast peer, in the VRRPv3 IPv4 pseudo-header.
/// </summary>
public enum UnicastChecksumCompatibility
{
    /// <summary>Default: the peer's address; switches to <see cref="Auto"/> when an advert only verifies the old way.</summary>
    None,
    /// <summary>old_unicast_checksum never: always the peer's address, no switching.</summary>
    Never,
    /// <summary>old_unicast_checksum: the multicast group.</summary>
    Config,
    /// <summary>Switched by an advert that verified only with the multicast group.</summary>
    Auto,
}
