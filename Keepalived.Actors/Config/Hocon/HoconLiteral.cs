namespace Keepalived.Actors.Config.Hocon;

/// <summary>A string, number, boolean or null.</summary>
public sealed class HoconLiteral : HoconValue
{
    private HoconLiteral(HoconType type, string value, HoconOrigin origin, bool isWhitespace)
        : base(origin, HoconMetrics.Leaf(value.Length))
    {
        Type = type;
        Value = value;
        IsWhitespace = isWhitespace;
    }

    /// <inheritdoc />
    public override HoconType Type { get; }

    /// <summary>
    /// The text of the value: strings unescaped, numbers exactly as written in the file
    /// (the spec requires keeping the original form), <c>true</c>/<c>false</c>/<c>null</c>.
    /// </summary>
    public string Value { get; }

    /// <summary>
    /// Unquoted whitespace between the parts of a value concatenation: kept between strings,
    /// ignored between objects or arrays.
    /// </summary>
    internal bool IsWhitespace { get; }

    internal static HoconLiteral String(string value, HoconOrigin origin) => new(HoconType.String, value, origin, false);

    internal static HoconLiteral Whitespace(string value, HoconOrigin origin) => new(HoconType.String, value, origin, true);

    /// <summary>
    /// Types an unquoted token: <c>true</c>, <c>false</c>, <c>null</c> and JSON numbers keep their
    /// type when they stand alone; everything else is a string.
    /// </summary>
    internal static HoconLiteral FromUnquoted(string text, HoconOrigin origin)
    {
        var type = text switch
        {
            "true" or "false" => HoconType.Boolean,
            "null" => HoconType.Null,
            _ when HoconTokenizer.JsonNumberLength(text, 0) == text.Length => HoconType.Number,
            _ => HoconType.String,
        };
        return new HoconLiteral(type, text, origin, false);
    }
}
