using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol.Packet;

/// <summary>
/// A VRRP message read in place (no copy): fields are decoded from the span when asked for.
/// Layout (RFC 3768 §5.1, RFC 5798 §5.1):
/// <code>
///  0: version(4) type(4) | 1: VRID | 2: priority | 3: count IPvX addr
///  4: v2 auth type, 5: v2 adver int (s)  -or-  4-5: v3 rsvd(4) max adver int (12, cs)
///  6-7: checksum | 8..: addresses | v2 over IPv4: 8 bytes authentication data
/// </code>
/// </summary>
public readonly ref struct VrrpAdvert
{
    private readonly ReadOnlySpan<byte> message;

    private VrrpAdvert(ReadOnlySpan<byte> message, AddressFamily family)
    {
        this.message = message;
        Family = family;
    }

    /// <summary>The VRRP message, header to the end of the authentication data.</summary>
    public ReadOnlySpan<byte> Message => message;
    public AddressFamily Family { get; }
    public int Version => message[0] >> 4;
    public int Type => message[0] & 0x0F;
    public byte VirtualRouterId => message[1];
    public byte Priority => message[2];
    public int AddressCount => message[3];
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(message[VrrpChecksum.FieldOffset..]);

    /// <summary>VRRPv2 Auth Type (0 none, 1 simple text password, 2 IP AH); 0 for VRRPv3, where the byte is reserved/interval.</summary>
    public byte AuthTypeField => Version == VrrpConstants.Version2 ? message[4] : (byte)0;
    public VrrpAuthType AuthType => (VrrpAuthType)AuthTypeField;

    /// <summary>VRRPv2's 8 bytes of authentication data (IPv4 only); empty otherwise.</summary>
    public ReadOnlySpan<byte> AuthData => HasAuthData(Version, Family) ? message[^VrrpConstants.AuthDataLength..] : default;

    /// <summary>The advertisement interval as sent: VRRPv2 seconds (8 bits), VRRPv3 centiseconds (12 bits, reserved bits removed).</summary>
    public ushort AdvertIntervalField => Version == VrrpConstants.Version2
        ? message[5]
        : (ushort)(BinaryPrimitives.ReadUInt16BigEndian(message[4..]) & VrrpConstants.V3AdvertIntervalMask);

    /// <summary>VRRPv3's four reserved bits before Max Adver Int (sent as zero, ignored on receipt).</summary>
    public int Reserved => Version == VrrpConstants.Version2 ? 0 : message[4] >> 4;

    public TimeSpan AdvertInterval => AdvertIntervalField * (Version == VrrpConstants.Version2
        ? VrrpConstants.V2AdvertIntervalUnit
        : VrrpConstants.V3AdvertIntervalUnit);

    /// <summary>All the addresses, packed in network order (4 or 16 bytes each).</summary>
    public ReadOnlySpan<byte> AddressBytes => message.Slice(VrrpConstants.HeaderLength, AddressCount * AddressLength(Family));

    /// <summary>Address <paramref name="index"/> in network order, without a copy.</summary>
    public ReadOnlySpan<byte> Address(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, AddressCount);
        var size = AddressLength(Family);
        return message.Slice(VrrpConstants.HeaderLength + index * size, size);
    }

    /// <summary>Address <paramref name="index"/> as an <see cref="IPAddress"/> (allocates; for logs and state changes).</summary>
    public IPAddress GetAddress(int index) => new(Address(index));

    /// <summary>Whether the checksum field is right for this message and pseudo-header.</summary>
    public bool VerifyChecksum(in VrrpPseudoHeader pseudoHeader) => VrrpChecksum.Verify(message, pseudoHeader);

    /// <summary>
    /// Reads the VRRP message at the start of <paramref name="data"/>, which must be exactly
    /// the message (as keepalived requires). <paramref name="family"/> decides the address size.
    /// Nothing else is checked (version, type, checksum): that is the validator's work.
    /// </summary>
    public static VrrpReadStatus TryRead(ReadOnlySpan<byte> data, AddressFamily family, out VrrpAdvert advert)
    {
        advert = default;
        if (data.Length < VrrpConstants.HeaderLength)
            return VrrpReadStatus.TooShort;
        var expected = ExpectedLength(data, family);
        if (data.Length < expected)
            return VrrpReadStatus.Truncated;
        if (data.Length > expected)
            return VrrpReadStatus.TooLong;
        advert = new VrrpAdvert(data, family);
        return VrrpReadStatus.Ok;
    }

    /// <summary>The length the header at the start of <paramref name="data"/> (at least 8 bytes) announces.</summary>
    public static int ExpectedLength(ReadOnlySpan<byte> data, AddressFamily family) =>
        Length(data[0] >> 4, data[3], family);

    /// <summary>The length of a message of <paramref name="version"/> with <paramref name="addressCount"/> addresses.</summary>
    public static int Length(int version, int addressCount, AddressFamily family) =>
        VrrpConstants.HeaderLength + addressCount * AddressLength(family)
        + (HasAuthData(version, family) ? VrrpConstants.AuthDataLength : 0);

    /// <summary>
    /// VRRPv2 carries authentication data over IPv4 only: keepalived runs IPv6 instances as
    /// VRRPv3 and, like it, a VRRPv2 header seen over IPv6 is taken to have none.
    /// </summary>
    public static bool HasAuthData(int version, AddressFamily family) =>
        version == VrrpConstants.Version2 && family == AddressFamily.InterNetwork;

    public static int AddressLength(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => VrrpConstants.Ipv4AddressLength,
        AddressFamily.InterNetworkV6 => VrrpConstants.Ipv6AddressLength,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "VRRP runs over IPv4 or IPv6"),
    };
}
