using System.Globalization;
using System.Text.RegularExpressions;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Spec "Units format": optional whitespace, a number, optional whitespace, an optional unit
/// made of letters only, optional whitespace.
/// </summary>
internal static partial class HoconUnits
{
    // Longer texts cannot be sensible durations or sizes; rejecting them keeps parsing cheap.
    private const int MaxLength = 200;

    public static bool TrySplit(string text, out decimal number, out string unit)
    {
        var match = text.Length <= MaxLength ? UnitsPattern().Match(text) : Match.Empty;
        unit = match.Success ? match.Groups[2].Value : string.Empty;
        number = 0;
        return match.Success
            && decimal.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Scales <paramref name="number"/> and truncates to a long; false on overflow.</summary>
    public static bool TryScale(decimal number, decimal factor, out long result)
    {
        result = 0;
        try
        {
            var scaled = decimal.Truncate(number * factor);
            if (scaled < long.MinValue || scaled > long.MaxValue)
            {
                return false;
            }

            result = (long)scaled;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\s*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*(\p{L}*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitsPattern();
}
