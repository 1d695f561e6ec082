namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// A logical line as a piece of a larger string (most often the whole configuration file), so
/// reading a line copies nothing: only a line that is rewritten (comment removed, definitions
/// replaced) gets a string of its own.
/// </summary>
internal readonly struct LineSlice(string source, int start, int length)
{
    public LineSlice(string text) : this(text, 0, text.Length) { }

    public string Source { get; } = source;
    public int Start { get; } = start;
    public int Length { get; } = length;

    public ReadOnlySpan<char> Span => Source.AsSpan(Start, Length);

    public LineSlice Slice(int start) => new(Source, Start + start, Length - start);

    public LineSlice Slice(int start, int length) => new(Source, Start + start, length);

    /// <summary>Without the blanks (space, tab) at its start.</summary>
    public LineSlice TrimStartBlanks()
    {
        var span = Span;
        var skip = span.Length - span.TrimStart(" \t").Length;
        return skip == 0 ? this : Slice(skip);
    }

    /// <summary>Without the blanks (space, tab) at its end.</summary>
    public LineSlice TrimEndBlanks()
    {
        var length = Span.TrimEnd(" \t").Length;
        return length == Length ? this : Slice(0, length);
    }

    /// <summary>The text as a string: the source itself when the slice is all of it.</summary>
    public override string ToString() => Start == 0 && Length == Source.Length ? Source : Source.Substring(Start, Length);
}
