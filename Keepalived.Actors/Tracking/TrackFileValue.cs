namespace Keepalived.Actors.Tracking;

/// <summary>
/// How keepalived reads a track_file (track_file.c process_track_file): the first 127 bytes,
/// the leading number as strtol(…, 0) takes it (spaces, a sign, 0x hex, 0 octal, else decimal;
/// no digits is 0). A number out of range (beyond a long, or outside −2³¹..2³¹) is logged and
/// ignored: the previous value stays.
/// </summary>
public static class TrackFileValue
{
    /// <summary>keepalived reads at most this much of the file.</summary>
    public const int MaxRead = 127;

    private const long Minimum = int.MinValue;
    private const long Maximum = (long)int.MaxValue + 1;

    /// <summary>False: the number is out of range and must be ignored.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.Length > MaxRead) text = text[..MaxRead];
        int i = 0;
        while (i < text.Length && IsSpace(text[i])) i++;
        bool negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
        int radix = 10;
        if (i < text.Length && text[i] == '0')
        {
            radix = 8;
            if (i + 2 < text.Length && (text[i + 1] | 0x20) == 'x' && Digit(text[i + 2]) is >= 0 and < 16)
            {
                radix = 16;
                i += 2;
            }
        }
        // strtol saturates at the limits of a long and sets ERANGE: keepalived then ignores it
        ulong magnitude = 0;
        bool overflow = false;
        for (; i < text.Length; i++)
        {
            int d = Digit(text[i]);
            if (d < 0 || d >= radix) break;
            if (!overflow)
            {
                ulong next = magnitude * (ulong)radix + (ulong)d;
                if (magnitude > (ulong.MaxValue - (ulong)d) / (ulong)radix || next > (ulong)long.MaxValue + 1)
                    overflow = true;
                else
                    magnitude = next;
            }
        }
        if (overflow || (!negative && magnitude > long.MaxValue)) return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return value is >= Minimum and <= Maximum;
    }

    private static bool IsSpace(byte b) => b == ' ' || (b >= '\t' && b <= '\r');

    private static int Digit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'z' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'Z' => b - 'A' + 10,
        _ => -1,
    };
}
