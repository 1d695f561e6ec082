using System.Text;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Value concatenation (spec "Value concatenation"): all simple values → one string keeping the
/// whitespace between them; all arrays → one array; all objects → merged, later wins. Unquoted
/// whitespace is ignored between arrays/objects; mixing kinds is an error. Used by the parser
/// when no substitution is involved and by the resolver afterwards.
/// </summary>
internal static class HoconConcatenator
{
    /// <param name="pieces">Resolved pieces; null marks an undefined <c>${?x}</c>, which just disappears.</param>
    /// <param name="origin">Origin of the whole concatenation.</param>
    /// <returns>The combined value, or null if every piece was undefined.</returns>
    public static HoconValue? Concatenate(IReadOnlyList<HoconValue?> pieces, HoconOrigin origin)
    {
        bool objects = false, arrays = false, strings = false;
        long size = 0;
        foreach (var piece in pieces)
        {
            size += piece?.Size ?? 0;
            switch (piece)
            {
                case HoconObject:
                    objects = true;
                    break;
                case HoconArray:
                    arrays = true;
                    break;
                case HoconLiteral { IsWhitespace: false }:
                    strings = true;
                    break;
            }
        }

        // Checked before building: repeated concatenation of substitutions grows exponentially.
        if (size > HoconLimits.MaxResolvedSize)
        {
            throw new HoconParseException("substitutions build a configuration that is too large", origin);
        }

        if ((objects ? 1 : 0) + (arrays ? 1 : 0) + (strings ? 1 : 0) > 1)
        {
            throw new HoconParseException(
                "cannot concatenate " + string.Join(" and ", new[] { objects ? "objects" : null, arrays ? "arrays" : null, strings ? "strings" : null }.OfType<string>())
                + " (a value concatenation must be all strings, all arrays or all objects)",
                origin);
        }

        if (objects)
        {
            return pieces.OfType<HoconObject>().Aggregate(HoconMerger.MergeObjects);
        }

        if (arrays)
        {
            return new HoconArray(pieces.OfType<HoconArray>().SelectMany(a => a).ToArray(), origin);
        }

        if (!strings)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var piece in pieces.OfType<HoconLiteral>())
        {
            text.Append(piece.Value);
        }

        return HoconLiteral.String(text.ToString(), origin);
    }
}
