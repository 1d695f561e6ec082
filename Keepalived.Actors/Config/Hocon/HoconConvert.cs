using System.Globalization;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Spec "Automatic type conversions": strings read as numbers/booleans/durations/sizes when asked;
/// objects and arrays never convert to anything else. Errors name the origin and, when known, the path.
/// </summary>
internal static class HoconConvert
{
    public static string ToText(HoconValue value, string? path) => Literal(value, path, "a string").Value;

    /// <summary>true/yes/on and false/no/off, exactly these six (spec recommendation).</summary>
    public static bool ToBoolean(HoconValue value, string? path) => Literal(value, path, "a boolean").Value switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        var text => throw Fail(value, path, $"cannot read '{HoconLimits.Shorten(text)}' as a boolean (expected true/false, yes/no or on/off)"),
    };

    public static long ToLong(HoconValue value, string? path)
    {
        var text = Literal(value, path, "a number").Value;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        // 1e3 or 10.0 are whole numbers too.
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && double.IsFinite(d) && Math.Floor(d) == d && d >= long.MinValue && d < long.MaxValue
            ? (long)d
            : throw Fail(value, path, $"cannot read '{HoconLimits.Shorten(text)}' as a whole number");
    }

    public static int ToInt(HoconValue value, string? path)
    {
        var result = ToLong(value, path);
        return result is >= int.MinValue and <= int.MaxValue
            ? (int)result
            : throw Fail(value, path, $"{result} is out of range for a 32-bit integer");
    }

    public static double ToDouble(HoconValue value, string? path)
    {
        var text = Literal(value, path, "a number").Value;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw Fail(value, path, $"cannot read '{HoconLimits.Shorten(text)}' as a number");
    }

    public static TimeSpan ToTimeSpan(HoconValue value, string? path, bool allowInfinite)
    {
        var text = Literal(value, path, "a duration").Value;
        if (HoconDuration.TryParse(text, allowInfinite, out var result))
        {
            return result;
        }

        throw Fail(value, path, text.Trim() == "infinite"
            ? "'infinite' is not allowed here"
            : $"cannot read '{HoconLimits.Shorten(text)}' as a duration (expected e.g. 500ms, 10s, 2 m, 1.5h, 3d)");
    }

    public static long ToByteSize(HoconValue value, string? path)
    {
        var text = Literal(value, path, "a size in bytes").Value;
        return HoconByteSize.TryParse(text, out var result)
            ? result
            : throw Fail(value, path, $"cannot read '{HoconLimits.Shorten(text)}' as a size in bytes (expected e.g. 512, 10k, 10KiB, 10kB, 1M)");
    }

    public static IReadOnlyList<HoconValue> ToArray(HoconValue value, string? path) =>
        value as HoconArray ?? throw Fail(value, path, $"expected an array but found {Describe(value)}");

    public static IList<string> ToStringList(HoconValue value, string? path) =>
        ToArray(value, path).Select(item => ToText(item, path)).ToList();

    public static HoconObject ToObject(HoconValue value, string? path) =>
        value as HoconObject ?? throw Fail(value, path, $"expected an object but found {Describe(value)}");

    private static HoconLiteral Literal(HoconValue value, string? path, string wanted) =>
        value is HoconLiteral { Type: not HoconType.Null } literal
            ? literal
            : throw Fail(value, path, $"expected {wanted} but found {Describe(value)}");

    private static string Describe(HoconValue value) => value.Type switch
    {
        HoconType.Object => "an object",
        HoconType.Array => "an array",
        HoconType.Null => "null",
        HoconType.Unresolved => "an unresolved substitution",
        _ => $"'{HoconLimits.Shorten(((HoconLiteral)value).Value)}'",
    };

    private static HoconException Fail(HoconValue value, string? path, string reason) =>
        new($"({value.Origin}) {(path is null ? string.Empty : path + ": ")}{reason}");
}
