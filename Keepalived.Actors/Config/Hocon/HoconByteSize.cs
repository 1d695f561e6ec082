namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Spec "Size in bytes format": a bare number is bytes; B/b/byte/bytes; powers of ten
/// kB, MB, GB, TB, PB, EB, ZB, YB (and kilobyte(s) ...); powers of two K/k/Ki/KiB, M/m/Mi/MiB ...
/// (and kibibyte(s) ...). Single letters are powers of two, like <c>java -Xmx2G</c>.
/// Fractions are truncated to whole bytes; values beyond a 64-bit integer are errors.
/// </summary>
public static class HoconByteSize
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = BuildUnits();

    /// <summary>Parses a size such as <c>512</c>, <c>10k</c>, <c>10KiB</c>, <c>10kB</c> or <c>1.5G</c>.</summary>
    /// <exception cref="HoconException">The text is not a size.</exception>
    public static long Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new HoconException($"'{HoconLimits.Shorten(text)}' is not a size in bytes (expected e.g. 512, 10k, 10KiB, 10kB, 1M, 1G)");

    /// <summary>Parses a size in bytes; false if the text is not one.</summary>
    public static bool TryParse(string text, out long value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        return HoconUnits.TrySplit(text, out var number, out var unit)
            && BytesPerUnit.TryGetValue(unit, out var factor)
            && HoconUnits.TryScale(number, factor, out value);
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var name in new[] { string.Empty, "B", "b", "byte", "bytes" })
        {
            units.Add(name, 1);
        }

        (char Letter, string Decimal, string Binary)[] prefixes =
        [
            ('K', "kilo", "kibi"), ('M', "mega", "mebi"), ('G', "giga", "gibi"), ('T', "tera", "tebi"),
            ('P', "peta", "pebi"), ('E', "exa", "exbi"), ('Z', "zetta", "zebi"), ('Y', "yotta", "yobi"),
        ];
        decimal power10 = 1, power2 = 1;
        foreach (var (letter, decimalName, binaryName) in prefixes)
        {
            power10 *= 1000;
            power2 *= 1024;

            // The kilo symbol is lower case: kB (not KB).
            var symbol = letter == 'K' ? "k" : letter.ToString();
            foreach (var name in new[] { symbol + "B", decimalName + "byte", decimalName + "bytes" })
            {
                units.Add(name, power10);
            }

            var upper = letter.ToString();
            foreach (var name in new[] { upper, upper.ToLowerInvariant(), upper + "i", upper + "iB", binaryName + "byte", binaryName + "bytes" })
            {
                units.Add(name, power2);
            }
        }

        return units;
    }
}
