namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// A value concatenation that contains at least one substitution, so its kind (string, array
/// or object) is only known after resolution. Whitespace pieces are
/// <see cref="HoconLiteral.IsWhitespace"/> literals.
/// </summary>
internal sealed class HoconConcatenation : HoconValue
{
    public HoconConcatenation(IReadOnlyList<HoconValue> pieces, HoconOrigin origin)
        : base(origin, HoconMetrics.Container(pieces, unresolved: true))
    {
        Pieces = pieces;
    }

    public override HoconType Type => HoconType.Unresolved;

    public IReadOnlyList<HoconValue> Pieces { get; }
}
