using System.Buffers.Binary;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol.Packet;

/// <summary>Writes VRRPv2/v3 advertisements into caller-supplied buffers.</summary>
public static class VrrpAdvertWriter
{
    /// <summary>
    /// Writes the VRRP message (header, <paramref name="addresses"/>, VRRPv2 authentication
    /// data) at the start of <paramref name="destination"/> and fills the checksum.
    /// </summary>
    /// <param name="addresses">The virtual addresses packed in network order, 4 or 16 bytes each as <see cref="VrrpAdvertFields.Family"/> says.</param>
    /// <param name="authData">VRRPv2 over IPv4: up to 8 bytes (a PASS password), zero padded; ignored otherwise.</param>
    /// <param name="pseudoHeader">What the checksum covers besides the message (see <see cref="VrrpPseudoHeader.For"/>).</param>
    /// <returns>The number of bytes written.</returns>
    public static int Write(Span<byte> destination, in VrrpAdvertFields fields, ReadOnlySpan<byte> addresses,
        ReadOnlySpan<byte> authData, in VrrpPseudoHeader pseudoHeader)
    {
        var addressLength = VrrpAdvert.AddressLength(fields.Family);
        var count = addresses.Length / addressLength;
        if (addresses.Length % addressLength != 0 || count > byte.MaxValue)
            throw new ArgumentException($"{addresses.Length} bytes are not a whole number (at most 255) of {addressLength}-byte addresses", nameof(addresses));
        if (fields.Version is not (VrrpConstants.Version2 or VrrpConstants.Version3))
            throw new ArgumentOutOfRangeException(nameof(fields), fields.Version, "VRRP version must be 2 or 3");
        if ((uint)fields.Type > 0x0F)
            throw new ArgumentOutOfRangeException(nameof(fields), fields.Type, "VRRP type is 4 bits");
        if (authData.Length > VrrpConstants.AuthDataLength)
            throw new ArgumentException("VRRPv2 authentication data is at most 8 bytes", nameof(authData));

        var length = VrrpAdvert.Length(fields.Version, count, fields.Family);
        if (destination.Length < length)
            throw new ArgumentException($"destination has {destination.Length} bytes, the advertisement needs {length}", nameof(destination));
        var message = destination[..length];

        message[0] = (byte)((fields.Version << 4) | fields.Type);
        message[1] = fields.VirtualRouterId;
        message[2] = fields.Priority;
        message[3] = (byte)count;
        if (fields.Version == VrrpConstants.Version2)
        {
            if (fields.AdvertIntervalField > byte.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(fields), fields.AdvertIntervalField, "VRRPv2 interval is 8 bits of seconds");
            message[4] = (byte)fields.AuthType;
            message[5] = (byte)fields.AdvertIntervalField;
        }
        else
        {
            if (fields.AdvertIntervalField > VrrpConstants.V3AdvertIntervalMask)
                throw new ArgumentOutOfRangeException(nameof(fields), fields.AdvertIntervalField, "VRRPv3 interval is 12 bits of centiseconds");
            if (fields.AuthType != VrrpAuthType.None)
                throw new ArgumentException("VRRPv3 has no authentication (RFC 5798 §9)", nameof(fields));
            // The reserved four bits stay zero.
            BinaryPrimitives.WriteUInt16BigEndian(message[4..], fields.AdvertIntervalField);
        }
        message[6] = 0;
        message[7] = 0;
        addresses.CopyTo(message[VrrpConstants.HeaderLength..]);

        if (VrrpAdvert.HasAuthData(fields.Version, fields.Family))
        {
            var auth = message[^VrrpConstants.AuthDataLength..];
            auth.Clear();
            // RFC 3768 §5.3.10: zero unless the type is a simple text password.
            if (fields.AuthType == VrrpAuthType.Pass)
                authData.CopyTo(auth);
        }

        VrrpChecksum.Fill(message, pseudoHeader);
        return length;
    }
}
