using System.Globalization;

namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// keepalived's number readers (<c>read_int</c>, <c>read_unsigned</c>,
/// <c>read_decimal_unsigned</c>, <c>read_timer</c>, <c>check_true_false</c>) with their
/// messages. A reader returns false when the value is unusable, after reporting why.
/// </summary>
public sealed class ValueReader(ConfigParser parser)
{
    /// <summary>Timers are read in microseconds: 6 decimal places of seconds.</summary>
    public const int TimerHzDigits = 6;

    private string Warn(bool ignoreError) => ignoreError && !parser.Options.ConfigTest ? "WARNING - " : "";

    private bool Lenient(bool ignoreError, bool inRange) => ignoreError && inRange && !parser.Options.ConfigTest;

    public bool ReadInt(ReadOnlySpan<char> text, out int value, int min, int max, bool ignoreError = false)
    {
        var ok = Strtol(text, out var v, out var rest, out var overflow);
        value = (int)v;
        var warn = Warn(ignoreError);
        if (!ok || rest) parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}invalid number '{text}'");
        else if (overflow || v < int.MinValue || v > int.MaxValue)
            parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}number '{text}' outside integer range");
        else if (v < min || v > max)
            parser.Report(ConfigErrorKind.InvalidNumber, $"number '{text}' outside range [{min}, {max}]");
        else return true;
        return Lenient(ignoreError, v >= min && v <= max);
    }

    public bool ReadUnsigned(ReadOnlySpan<char> text, out uint value, uint min, uint max, bool ignoreError = false)
    {
        var trimmed = text.TrimStart(" \t\f\n\r\v");
        var ok = Strtoul(trimmed, out var v, out var rest, out var overflow);
        value = (uint)v;
        var warn = Warn(ignoreError);
        if (trimmed.StartsWith('-')) parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}negative number '{text}'");
        else if (!ok || rest) parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}invalid number '{text}'");
        else if (overflow || v > uint.MaxValue)
            parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}number '{text}' outside unsigned integer range");
        else if (v < min || v > max)
            parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}number '{text}' outside range [{min}, {max}]");
        else return true;
        return Lenient(ignoreError, v >= min && v <= max);
    }

    /// <summary>
    /// A decimal with up to <paramref name="shift"/> places, returned × 10^shift (e.g. seconds
    /// read as microseconds with shift 6). Too many places round, after a report.
    /// </summary>
    public bool ReadDecimal(ReadOnlySpan<char> text, out ulong value, ulong min, ulong max, int shift, bool ignoreError = false)
    {
        value = 0;
        var warn = Warn(ignoreError);
        if (text.StartsWith('-'))
        {
            parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}negative number '{text}'");
            return false;
        }
        var dot = text.IndexOf('.');
        var places = dot < 0 ? 0 : text.Length - dot - 1;
        var roundUp = false;
        if (places > shift)
        {
            parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}number '{text}' has too many decimal places");
            roundUp = text[dot + shift + 1] >= '5';
            places = shift;
        }
        // The digits with the point moved right by 'shift' places (and zeros to fill).
        Span<char> buffer = stackalloc char[Math.Min(text.Length + shift, 256)];
        var digits = text.Length + shift <= 256 ? MoveDecimalPoint(text, dot, places, shift, buffer)
            : string.Concat(dot < 0 ? text : string.Concat(text[..dot], text.Slice(dot + 1, places)), new string('0', shift - places));
        var ok = Strtoul(digits, out var v, out var rest, out var overflow);
        if (roundUp) v++;
        value = v;
        if (!ok || rest) parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}invalid number '{text}'");
        else if (overflow)
        {
            parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}number '{text}' outside unsigned decimal range");
            return false;
        }
        else if (v < min || v > max)
        {
            var scale = (ulong)Math.Pow(10, shift);
            string Fmt(ulong x) => $"{x / scale}.{(x % scale).ToString(CultureInfo.InvariantCulture).PadLeft(shift, '0')}";
            parser.Report(ConfigErrorKind.InvalidNumber, $"{warn}number '{text}' outside range [{Fmt(min)}, {Fmt(max)}]");
        }
        else return true;
        return ignoreError && v >= min && v <= max;
    }

    private static ReadOnlySpan<char> MoveDecimalPoint(ReadOnlySpan<char> text, int dot, int places, int shift, Span<char> buffer)
    {
        var n = 0;
        var integer = dot < 0 ? text : text[..dot];
        integer.CopyTo(buffer);
        n += integer.Length;
        if (dot >= 0)
        {
            text.Slice(dot + 1, places).CopyTo(buffer[n..]);
            n += places;
        }
        buffer.Slice(n, shift - places).Fill('0');
        return buffer[..(n + shift - places)];
    }

    /// <summary>A time in seconds with up to 6 decimals, as microseconds; <paramref name="max"/> 0 means no limit.</summary>
    public bool ReadTimer(ReadOnlySpan<char> text, out ulong microseconds, ulong min, ulong max, bool ignoreError = false) =>
        ReadDecimal(text, out microseconds, min, max == 0 ? ulong.MaxValue - 1 : max, TimerHzDigits, ignoreError);

    /// <summary>on/true/yes → true, off/false/no → false, anything else → null.</summary>
    public static bool? TrueFalse(ReadOnlySpan<char> text) => text switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        _ => null,
    };

    /// <summary>strtol(…, 10): leading blanks and a sign allowed; <paramref name="rest"/> when text follows the digits.</summary>
    internal static bool Strtol(ReadOnlySpan<char> text, out long value, out bool rest, out bool overflow)
    {
        var s = text.TrimStart(" \t\f\n\r\v");
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+')) s = s[1..];
        var ok = Digits(s, out var magnitude, out rest, out overflow);
        if (s.Length == 0 || !char.IsAsciiDigit(s[0])) rest = text.Length > 0;
        if (overflow || magnitude > (negative ? 9223372036854775808UL : long.MaxValue))
        {
            overflow = true;
            value = negative ? long.MinValue : long.MaxValue;
        }
        else value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return ok;
    }

    /// <summary>strtoul(…, 10): a leading '-' negates (modulo 2^64), as C does.</summary>
    internal static bool Strtoul(ReadOnlySpan<char> text, out ulong value, out bool rest, out bool overflow)
    {
        var s = text.TrimStart(" \t\f\n\r\v");
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+')) s = s[1..];
        var ok = Digits(s, out value, out rest, out overflow);
        if (s.Length == 0 || !char.IsAsciiDigit(s[0])) rest = text.Length > 0;
        if (overflow) value = ulong.MaxValue;
        else if (negative) value = 0 - value;
        return ok;
    }

    /// <summary>Leading decimal digits (the callers handle C's "no digits: endptr stays at the start").</summary>
    private static bool Digits(ReadOnlySpan<char> s, out ulong value, out bool rest, out bool overflow)
    {
        value = 0;
        overflow = false;
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            var d = (ulong)(s[i] - '0');
            if (value > (ulong.MaxValue - d) / 10) overflow = true;
            else value = value * 10 + d;
            i++;
        }
        rest = i < s.Length;
        return true;
    }
}
