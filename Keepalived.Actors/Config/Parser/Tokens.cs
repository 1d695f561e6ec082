namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// The words of one logical line (keepalived's strvec): split on blanks, a <c>"..."</c> string
/// as one word without its quotes. Reading past the last word is keepalived's fatal "missing a
/// parameter" (see <see cref="MissingParameterException"/>).
/// </summary>
public sealed class Tokens
{
    private readonly string[] _words;

    private Tokens(string[] words, string line)
    {
        _words = words;
        Line = line;
    }

    /// <summary>The line the words came from (keepalived's buf_extern).</summary>
    public string Line { get; }

    public int Count => _words.Length;

    public string this[int index] => index < _words.Length
        ? _words[index]
        : throw new MissingParameterException(this, index);

    public string Keyword => _words[0];

    public string? Optional(int index) => index < _words.Length ? _words[index] : null;

    public IEnumerable<string> From(int index) => _words.Skip(index);

    public Tokens Slice(int start, int? end = null) => new(_words[start..(end ?? _words.Length)], Line);

    /// <summary>alloc_strvec; null for a line without words. An unmatched quote is reported and ends the line.</summary>
    public static Tokens? Split(string line, ConfigDiagnostics? diagnostics, KeywordTable? keywords = null)
    {
        // Two passes: count the words, then cut them into an array of the right size.
        var count = Scan(line, null, diagnostics, null);
        if (count == 0) return null;
        var words = new string[count];
        Scan(line, words, null, keywords);
        return new Tokens(words, line);
    }

    /// <summary>Finds the words; stores them when <paramref name="words"/> is given; returns how many.</summary>
    private static int Scan(string line, string[]? words, ConfigDiagnostics? diagnostics, KeywordTable? keywords)
    {
        var n = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && IsBlank(line[i])) i++;
            if (i >= line.Length) break;
            if (line[i] == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    diagnostics?.Report(ConfigErrorKind.UnmatchedQuote, $"Unmatched quote: '{line}'");
                    break;
                }
                if (words is not null) words[n] = line[(i + 1)..close];
                n++;
                i = close + 1;
            }
            else
            {
                var start = i;
                while (i < line.Length && !IsBlank(line[i]) && line[i] != '"') i++;
                // A line of one word (a lone brace, most often) is that word, and a keyword is the
                // table's own string: no copy in either case.
                if (words is not null)
                    words[n] = start == 0 && i == line.Length ? line
                        : (n == 0 ? keywords?.Intern(line.AsSpan(start, i - start)) : null) ?? line[start..i];
                n++;
            }
        }
        return n;
    }

    public static Tokens Of(params string[] words) => new(words, string.Join(' ', words));

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\f' or '\n' or '\r' or '\v';

    public override string ToString() => string.Join(' ', _words);
}

/// <summary>A keyword's handler read a word the line does not have: keepalived stops with exit code 2.</summary>
public sealed class MissingParameterException(Tokens tokens, int index) : Exception(Describe(tokens, index))
{
    public Tokens Tokens { get; } = tokens;

    private static string Describe(Tokens t, int index) => index > 0 && index - 1 < t.Count
        ? $"*** Configuration line starting `{t.Keyword}` is missing a parameter after keyword `{t[index - 1]}` at word position {index + 1}"
        : $"*** Configuration line starting `{(t.Count > 0 ? t.Keyword : "***MISSING ***")}` is missing a parameter at word position {index + 1}";
}
