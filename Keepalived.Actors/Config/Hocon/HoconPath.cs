using System.Collections;
using System.Text;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// A path through the object tree: <c>a.b."c.d"</c> is the three keys <c>a</c>, <c>b</c> and
/// <c>c.d</c>. Dots split keys only outside quotes.
/// </summary>
public sealed class HoconPath : IReadOnlyList<string>, IEquatable<HoconPath>
{
    private readonly string[] _segments;

    /// <summary>Creates a path from already separated keys.</summary>
    public HoconPath(IEnumerable<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = segments.ToArray();
    }

    private HoconPath(string[] segments) => _segments = segments;

    /// <summary>The empty path (the root).</summary>
    public static HoconPath Empty { get; } = new(System.Array.Empty<string>());

    /// <inheritdoc />
    public int Count => _segments.Length;

    /// <inheritdoc />
    public string this[int index] => _segments[index];

    /// <summary>Parses a path expression such as <c>a.b."c.d"</c>.</summary>
    /// <exception cref="HoconParseException">The text is not a valid path.</exception>
    public static HoconPath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var tokenizer = new HoconTokenizer(path, "<path>");
        var pieces = new List<(string Text, bool Quoted)>();
        for (var token = tokenizer.Next(); token.Type != HoconTokenType.EndOfFile; token = tokenizer.Next())
        {
            if (token.Type is not (HoconTokenType.Unquoted or HoconTokenType.Quoted or HoconTokenType.Whitespace))
            {
                throw new HoconParseException($"invalid path '{HoconLimits.Shorten(path)}': unexpected {token.Describe()}", token.Origin);
            }

            pieces.Add((token.Text, token.Type == HoconTokenType.Quoted));
        }

        Trim(pieces);
        return FromPieces(pieces, new HoconOrigin("<path>", 1, 1));
    }

    /// <summary>This path followed by <paramref name="key"/>.</summary>
    public HoconPath Append(string key) => new([.. _segments, key]);

    /// <summary>This path followed by <paramref name="other"/>.</summary>
    public HoconPath Append(HoconPath other) =>
        other.Count == 0 ? this : Count == 0 ? other : new HoconPath([.. _segments, .. other._segments]);

    /// <summary>The first <paramref name="count"/> keys.</summary>
    public HoconPath Prefix(int count) => count == Count ? this : new HoconPath(_segments[..count]);

    /// <summary>
    /// Builds a path from the tokens of a key or substitution: unquoted text is split on dots,
    /// quoted text never is. Empty keys must be quoted (<c>a."".b</c>); <c>a..b</c>, <c>.a</c> and
    /// <c>a.</c> are errors.
    /// </summary>
    internal static HoconPath FromPieces(IReadOnlyList<(string Text, bool Quoted)> pieces, HoconOrigin origin)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var hasContent = false;
        foreach (var (text, quoted) in pieces)
        {
            if (quoted)
            {
                current.Append(text);
                hasContent = true;
                continue;
            }

            var parts = text.Split('.');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    EndSegment();
                }

                current.Append(parts[i]);
                hasContent |= parts[i].Length > 0;
            }
        }

        EndSegment();
        return new HoconPath(segments.ToArray());

        void EndSegment()
        {
            if (!hasContent)
            {
                throw new HoconParseException("invalid path: empty key (quote it as \"\" if an empty key is meant; 'a..b', '.a' and 'a.' are not allowed)", origin);
            }

            segments.Add(current.ToString());
            current.Clear();
            hasContent = false;
        }
    }

    /// <summary>Drops leading and trailing unquoted whitespace pieces.</summary>
    internal static void Trim(List<(string Text, bool Quoted)> pieces)
    {
        while (pieces.Count > 0 && IsBlank(pieces[^1]))
        {
            pieces.RemoveAt(pieces.Count - 1);
        }

        while (pieces.Count > 0 && IsBlank(pieces[0]))
        {
            pieces.RemoveAt(0);
        }

        static bool IsBlank((string Text, bool Quoted) piece) =>
            !piece.Quoted && piece.Text.All(HoconTokenizer.IsWhitespace);
    }

    /// <summary>The keys joined with dots, unquoted; used as the environment variable name.</summary>
    internal string ToRawString() => string.Join('.', _segments);

    /// <summary>Renders the path, quoting keys that need it.</summary>
    public override string ToString() => string.Join('.', _segments.Select(RenderKey));

    private static string RenderKey(string key) =>
        key.Length > 0 && key.All(c => c != '.' && c != '/' && !HoconTokenizer.IsForbidden(c) && !HoconTokenizer.IsWhitespace(c))
            ? key
            : HoconRenderer.Quote(key);

    /// <inheritdoc />
    public bool Equals(HoconPath? other) =>
        other is not null && _segments.AsSpan().SequenceEqual(other._segments);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as HoconPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in _segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_segments).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
