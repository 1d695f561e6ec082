namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>One rtattr: its type (NLA_F_NESTED / NLA_F_NET_BYTEORDER masked off) and value.</summary>
public readonly ref struct NetlinkAttribute(ushort type, ReadOnlySpan<byte> value)
{
    public const ushort TypeMask = 0x3fff;

    public ushort Type { get; } = type;
    public ReadOnlySpan<byte> Value { get; } = value;

    /// <summary>A u8/u16/u32 value, or null when the attribute is too short for it.</summary>
    public byte? U8 => Value.Length >= 1 ? Value[0] : null;
    public uint? U32 => Value.Length >= 4 ? HostOrder.ReadU32(Value) : null;

    /// <summary>A NUL-terminated (or unterminated) string value.</summary>
    public string String()
    {
        var end = Value.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? Value : Value[..end]);
    }

    /// <summary>An IPv4/IPv6 address value, or null for any other length.</summary>
    public System.Net.IPAddress? Address() =>
        Value.Length is 4 or 16 ? new System.Net.IPAddress(Value) : null;

    public AttributeReader Nested => new(Value);
}
