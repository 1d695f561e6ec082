namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// The words of one logical line (keepalived's strvec): split on blanks, a <c>"..."</c> string
/// as one word without its quotes. Reading past the last word is keepalived's fatal "missing a
/// parameter" (see <see cref="MissingParameterException"/>).
/// <para>
/// The words are kept as positions in the line: <see cref="Span"/> reads one without a copy,
/// the indexer makes (and keeps) its string only when asked. The parser refills one instance
/// per block level for every line, so a handler must not keep it beyond its call.
/// </para>
/// </summary>
public sealed class Tokens
{
    private string _source = "";
    private int _lineStart;
    private int _lineLength;
    private string? _line;
    private int _count;
    private int[] _starts;
    private int[] _lengths;
    private string?[] _words;

    private Tokens(int capacity)
    {
        _starts = new int[capacity];
        _lengths = new int[capacity];
        _words = new string?[capacity];
    }

    /// <summary>An empty instance for <see cref="Fill"/> to fill.</summary>
    internal Tokens() : this(8) { }

    /// <summary>The line the words came from (keepalived's buf_extern).</summary>
    public string Line => _line ??= _lineStart == 0 && _lineLength == _source.Length ? _source : _source.Substring(_lineStart, _lineLength);

    public int Count => _count;

    public string this[int index] => index < _count ? Word(index) : throw new MissingParameterException(this, index);

    /// <summary>Word <paramref name="index"/> without a copy (missing: keepalived's fatal "missing a parameter").</summary>
    public ReadOnlySpan<char> Span(int index) => index < _count
        ? _source.AsSpan(_starts[index], _lengths[index])
        : throw new MissingParameterException(this, index);

    /// <summary>Whether word <paramref name="index"/> exists and is <paramref name="text"/>.</summary>
    public bool IsWord(int index, string text) => index < _count && _source.AsSpan(_starts[index], _lengths[index]).SequenceEqual(text);

    public string Keyword => Word(0);

    public string? Optional(int index) => index < _count ? Word(index) : null;

    /// <summary>The words from <paramref name="index"/> on (copied now: the instance may be refilled later).</summary>
    public IEnumerable<string> From(int index)
    {
        var words = new string[Math.Max(0, _count - index)];
        for (var i = 0; i < words.Length; i++) words[i] = Word(index + i);
        return words;
    }

    /// <summary>Words <paramref name="start"/> to <paramref name="end"/> (exclusive) as a new instance.</summary>
    public Tokens Slice(int start, int? end = null)
    {
        var count = (end ?? _count) - start;
        var slice = new Tokens(Math.Max(count, 1))
        {
            _source = _source,
            _lineStart = _lineStart,
            _lineLength = _lineLength,
            _line = _line,
            _count = count,
        };
        Array.Copy(_starts, start, slice._starts, 0, count);
        Array.Copy(_lengths, start, slice._lengths, 0, count);
        Array.Copy(_words, start, slice._words, 0, count);
        return slice;
    }

    /// <summary>alloc_strvec; null for a line without words. An unmatched quote is reported and ends the line.</summary>
    public static Tokens? Split(string line, ConfigDiagnostics? diagnostics, KeywordTable? keywords = null)
    {
        var tokens = new Tokens();
        if (!tokens.Fill(new LineSlice(line), diagnostics)) return null;
        if (keywords?.Intern(tokens.Span(0)) is { } keyword) tokens.SetWord(0, keyword);
        return tokens;
    }

    /// <summary>alloc_strvec into this instance; false for a line without words.</summary>
    internal bool Fill(LineSlice line, ConfigDiagnostics? diagnostics)
    {
        Array.Clear(_words, 0, _count);
        _source = line.Source;
        _lineStart = line.Start;
        _lineLength = line.Length;
        _line = null;
        _count = 0;
        var text = line.Span;
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsBlank(text[i])) i++;
            if (i >= text.Length) break;
            if (text[i] == '"')
            {
                var close = text[(i + 1)..].IndexOf('"');
                if (close < 0)
                {
                    diagnostics?.Report(ConfigErrorKind.UnmatchedQuote, $"Unmatched quote: '{text}'");
                    break;
                }
                Add(i + 1, close);
                i += close + 2;
            }
            else
            {
                var start = i;
                while (i < text.Length && !IsBlank(text[i]) && text[i] != '"') i++;
                Add(start, i - start);
            }
        }
        return _count > 0;
    }

    /// <summary>Gives word <paramref name="index"/> its string (the keyword table's own, saving a copy).</summary>
    internal void SetWord(int index, string word) => _words[index] = word;

    private void Add(int offset, int length)
    {
        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
            Array.Resize(ref _words, _count * 2);
        }
        _starts[_count] = _lineStart + offset;
        _lengths[_count] = length;
        _count++;
    }

    private string Word(int index) => _words[index] ??= MakeWord(index);

    private string MakeWord(int index)
    {
        var start = _starts[index];
        var length = _lengths[index];
        if (start == 0 && length == _source.Length) return _source;
        if (length == 1 && _source[start] is '{') return "{";
        if (length == 1 && _source[start] is '}') return "}";
        return _source.Substring(start, length);
    }

    public static Tokens Of(params string[] words)
    {
        var tokens = new Tokens(Math.Max(words.Length, 1)) { _source = string.Join(' ', words), _count = words.Length };
        tokens._lineLength = tokens._source.Length;
        var offset = 0;
        for (var i = 0; i < words.Length; i++)
        {
            tokens._starts[i] = offset;
            tokens._lengths[i] = words[i].Length;
            tokens._words[i] = words[i];
            offset += words[i].Length + 1;
        }
        return tokens;
    }

    /// <summary>isspace: all of them are at most ' ', so most characters are settled by one comparison.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsBlank(char c) => c <= ' ' && c is ' ' or '\t' or '\f' or '\n' or '\r' or '\v';

    public override string ToString() => string.Join(' ', From(0));
}

/// <summary>A keyword's handler read a word the line does not have: keepalived stops with exit code 2.</summary>
public sealed class MissingParameterException(Tokens tokens, int index) : Exception(Describe(tokens, index))
{
    public Tokens Tokens { get; } = tokens;

    private static string Describe(Tokens t, int index) => index > 0 && index - 1 < t.Count
        ? $"*** Configuration line starting `{t.Keyword}` is missing a parameter after keyword `{t[index - 1]}` at word position {index + 1}"
        : $"*** Configuration line starting `{(t.Count > 0 ? t.Keyword : "***MISSING ***")}` is missing a parameter at word position {index + 1}";
}
