namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// UDP_CHECK's default payload and reply test (check_udp.c): with require_reply, the length
/// must lie in [min_reply_length, max_reply_length] and the bytes match the expected hex over
/// min(received, expected) bytes, x/X nibbles (mask 0xF) matching anything.
/// </summary>
public static class UdpReply
{
    /// <summary>What keepalived sends without a payload: 32 bytes of the repeated text.</summary>
    public static byte[] DefaultPayload { get; } = Filler(32);

    /// <summary><paramref name="length"/> bytes of "keepalived check - " repeated (also PING_CHECK's data).</summary>
    public static byte[] Filler(int length)
    {
        var text = "keepalived check - "u8;
        var data = new byte[length];
        for (var i = 0; i < length; i++) data[i] = text[i % text.Length];
        return data;
    }

    /// <summary>Null when the reply passes, else why not.</summary>
    public static string? Mismatch(ReadOnlySpan<byte> reply, uint minLength, uint maxLength, byte[]? expected, byte[]? mask)
    {
        if (reply.Length < minLength || reply.Length > maxLength)
            return $"reply length {reply.Length} outside [{minLength}, {maxLength}]";
        if (expected is null) return null;
        var n = Math.Min(reply.Length, expected.Length);
        for (var i = 0; i < n; i++)
        {
            var care = (byte)~(mask is not null && i < mask.Length ? mask[i] : 0);
            if ((reply[i] & care) != (expected[i] & care))
                return $"reply byte {i} is 0x{reply[i]:x2}, expected 0x{expected[i]:x2}";
        }
        return null;
    }
}
