namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// The IPsec Authentication Header (RFC 2402) as keepalived sends it for VRRPv2 auth_type AH:
/// next header, payload length, reserved, SPI, sequence number and a 96-bit HMAC-MD5 ICV.
/// </summary>
public static class IpsecAh
{
    /// <summary>Fixed 24 bytes: 12 of header fields and a 12-byte (96-bit) ICV.</summary>
    public const int Length = 24;

    /// <summary>The next-header byte: the protocol the AH protects.</summary>
    public static byte NextHeader(ReadOnlySpan<byte> ah) => ah[0];
}
