namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Where a value (or an error) comes from: the file name (or <c>&lt;string&gt;</c> for text
/// parsed from memory) and the 1-based line and column. Line 0 means "no position"
/// (e.g. values that come from environment variables).
/// </summary>
public readonly record struct HoconOrigin(string File, int Line, int Column)
{
    /// <summary>Origin used for values that were not read from any text.</summary>
    public static HoconOrigin None { get; } = new("<none>", 0, 0);

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}: Line {Line}, Column {Column}" : File;
}
