namespace Keepalived.Actors.Config.Check;

/// <summary>
/// keepalived's read_hex_str: hex octets, blanks between octets allowed; a single digit
/// before a blank or the end is one octet. With wildcards, x/X is a nibble that matches
/// anything (the mask has 0xF there).
/// </summary>
public static class HexString
{
    /// <summary>The octets and the wildcard mask (null when no wildcard was used), or (null, null) when invalid or empty.</summary>
    public static (byte[]? Data, byte[]? Mask) Read(string text, bool allowWildcards)
    {
        var data = new List<byte>();
        var mask = new List<byte>();
        var usingMask = false;
        var p = 0;
        while (true)
        {
            while (p < text.Length && text[p] is ' ' or '\t') p++;
            if (p >= text.Length) break;
            if (!Nibble(text[p++], allowWildcards, out var value, out var nibbleMask)) return (null, null);
            usingMask |= nibbleMask != 0;
            if (p < text.Length && text[p] != ' ')
            {
                if (!Nibble(text[p++], allowWildcards, out var low, out var lowMask)) return (null, null);
                usingMask |= lowMask != 0;
                value = (value << 4) | low;
                nibbleMask = (nibbleMask << 4) | lowMask;
            }
            data.Add((byte)value);
            mask.Add((byte)nibbleMask);
        }
        return data.Count == 0 ? (null, null) : (data.ToArray(), usingMask ? mask.ToArray() : null);
    }

    private static bool Nibble(char c, bool allowWildcards, out int value, out int mask)
    {
        mask = 0;
        value = 0;
        if (char.IsAsciiHexDigit(c))
        {
            value = Convert.ToInt32(c.ToString(), 16);
            return true;
        }
        if (allowWildcards && c is 'x' or 'X')
        {
            mask = 0xf;
            return true;
        }
        return false;
    }
}
