namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// keepalived's <c>read_line</c>: produces logical lines from the files — comments removed
/// (<see cref="Decomment"/>), <c>include</c> lines followed, <c>@id</c>/<c>@^id</c> lines kept or
/// dropped, <c>$NAME=</c> definitions recorded and uses replaced, <c>~SEQ</c>/<c>~LST</c> loops
/// expanded, and a '{' or '}' split off onto a line of its own.
/// </summary>
internal sealed class LineReader
{
    private readonly ConfigFileStack _files;
    private readonly ConfigDiagnostics _diagnostics;
    private readonly Definitions _defs;
    private readonly Sequences _seqs;
    private readonly string? _configId;
    private LineSlice? _residue;
    private string? _nextMultiline;
    private readonly List<(string Ptr, int SeqDepth)> _multilineStack = [];
    private int _multilineSeqDepth;
    private Definitions.Definition? _multilineDef;

    private const int MaxMultilineDepth = 64;


    public LineReader(ConfigFileStack files, ConfigDiagnostics diagnostics, string? configId, int? randomSeed = null)
    {
        _files = files;
        _diagnostics = diagnostics;
        _configId = configId;
        _defs = new Definitions(() => files.CurrentDirectory, configId, randomSeed);
        _seqs = new Sequences(_defs, m => diagnostics.Report(ConfigErrorKind.GeneralError, m));
    }

    /// <summary>Unclosed '{' so far (reported at the end as missing '}').</summary>
    public int BlockDepth { get; private set; }

    /// <summary>The next logical line; null at the end of all files.</summary>
    public string? ReadLine() => ReadLine(out var line) ? line.ToString() : null;

    /// <summary>The next logical line, most often a slice of the file's text; false at the end of all files.</summary>
    public bool ReadLine(out LineSlice line)
    {
        while (true)
        {
            LineSlice buf;
            if (_residue is { } residue)
            {
                buf = residue;
                _residue = null;
            }
            else if (_seqs.Count > 0 && _seqs.Count > _multilineSeqDepth)
                buf = new LineSlice(_seqs.NextLine());
            else if (_nextMultiline is not null)
                buf = new LineSlice(NextMultilinePart());
            else if (!ReadNonBlank(out buf))
            {
                line = default;
                return false;
            }

            if (_multilineDef is not null)
            {
                ContinueMultilineDefinition(buf.ToString());
                continue;
            }
            if (buf.Length == 0) continue;
            // Most lines have nothing to preprocess and stay slices of the file.
            if (NeedsPreprocessing(buf.Span)) buf = new LineSlice(Preprocess(buf.ToString()));
            if (buf.Length == 0 || CheckInclude(buf.Span)) continue;
            line = SplitBraces(buf);
            return true;
        }
    }

    /// <summary>Whether <see cref="Preprocess"/> could change the line: @id, $NAME, ~SEQ/~LST.</summary>
    private static bool NeedsPreprocessing(ReadOnlySpan<char> buf) => buf[0] is '@' or '~' || buf.Contains('$');

    /// <summary>@id, $NAME=, ~SEQ/~LST and $NAME replacement, repeated while a replacement brings more.</summary>
    private string Preprocess(string buf)
    {
        bool recheck;
        do
        {
            recheck = false;
            if (buf[0] == '@')
            {
                var reverse = buf.Length > 1 && buf[1] == '^';
                var ofs = reverse ? 2 : 1;
                var space = buf.IndexOfAny([' ', '\t'], ofs);
                if (space < 0) return "";
                var matches = _configId is not null && buf.AsSpan(ofs, space - ofs).SequenceEqual(_configId);
                if (matches == reverse) return "";
                buf = buf[space..].TrimStart(' ', '\t');
                if (buf.Length == 0) return "";
            }
            if (buf[0] == '$' && _defs.TryDefine(buf) is { } def)
            {
                if (def.Multiline) _multilineDef = def;
                return "";
            }
            if (buf.StartsWith("~SEQ", StringComparison.Ordinal))
            {
                if (!_seqs.AddSeq(buf)) _diagnostics.Report(ConfigErrorKind.GeneralError, $"Invalid ~SEQ specification '{buf}'");
                return "";
            }
            if (buf.StartsWith("~LST", StringComparison.Ordinal))
            {
                if (!_seqs.AddLst(buf)) _diagnostics.Report(ConfigErrorKind.GeneralError, $"Invalid ~LST specification '{buf}'");
                return "";
            }
            if (buf[0] == '~') break;
            if (buf.Contains('$'))
            {
                var multiline = _nextMultiline;
                var before = multiline;
                if (!_defs.Replace(ref buf, ConfigFileStack.MaxBuf, ref multiline, _diagnostics.Log))
                    break;
                if (multiline is not null && !ReferenceEquals(multiline, before))
                {
                    if (_multilineStack.Count >= MaxMultilineDepth)
                    {
                        // A definition that uses itself would expand for ever.
                        _diagnostics.Report(ConfigErrorKind.GeneralError, $"multi-line definitions nested more than {MaxMultilineDepth} deep - stopping");
                        _multilineStack.Clear();
                        _nextMultiline = null;
                        _multilineSeqDepth = 0;
                        return "";
                    }
                    if (before is not null) _multilineStack.Add((before, _multilineSeqDepth));
                    _multilineSeqDepth = _seqs.Count;
                }
                _nextMultiline = multiline;
                buf = Decomment(buf, _diagnostics);
                if (buf.Length == 0) return "";
                recheck = buf[0] == '@' || buf.Contains('$');
            }
        } while (recheck);
        return buf;
    }

    /// <summary>The next line of a multi-line definition being expanded.</summary>
    private string NextMultilinePart()
    {
        var text = _nextMultiline!;
        var end = text.IndexOf(Definitions.LineEnd);
        if (end >= 0)
        {
            _nextMultiline = text[(end + 1)..];
            return text[..end];
        }
        if (_multilineStack.Count > 0)
        {
            (_nextMultiline, _multilineSeqDepth) = _multilineStack[^1];
            _multilineStack.RemoveAt(_multilineStack.Count - 1);
        }
        else
        {
            _nextMultiline = null;
            _multilineSeqDepth = 0;
        }
        return text;
    }

    /// <summary>A line after <c>$NAME=...\</c>: appended to the definition until a line without '\'.</summary>
    private void ContinueMultilineDefinition(string buf)
    {
        var def = _multilineDef!;
        var more = buf.EndsWith('\\');
        if (more)
        {
            buf = buf[..^1].TrimEnd(' ', '\t') + Definitions.LineEnd;
        }
        else
        {
            _multilineDef = null;
            if (def.Value.Length == 0) def.Multiline = false;
        }
        if (buf.Length >= 2 || (buf.Length > 0 && !more)) def.Value += buf;
    }

    /// <summary>Physical lines until one is not empty after removing comments; false at the end.</summary>
    private bool ReadNonBlank(out LineSlice text)
    {
        while (_files.TryReadPhysicalLine(out var line))
        {
            if (line.Length == 0)
            {
                // A blank line ends a multi-line definition.
                if (_multilineDef is { } def)
                {
                    _multilineDef = null;
                    if (def.Value.Length == 0) def.Multiline = false;
                }
                continue;
            }
            text = Decomment(line, _diagnostics);
            if (text.Length > 0) return true;
        }
        text = default;
        return false;
    }

    /// <summary>include / includer / includem / includew / includeb / includea FILE.</summary>
    private bool CheckInclude(ReadOnlySpan<char> buf)
    {
        if (!buf.StartsWith("include", StringComparison.Ordinal) || buf.Length < 8) return false;
        IncludeType type;
        int p;
        if (IsSpace(buf[7]))
        {
            type = IncludeType.None;
            p = 8;
        }
        else if (buf.Length > 8 && IsSpace(buf[8]) && "rmwba".Contains(buf[7]))
        {
            type = buf[7] switch
            {
                'r' => IncludeType.Readable,
                'm' => IncludeType.Readable | IncludeType.Missing,
                'w' => IncludeType.Readable | IncludeType.Missing | IncludeType.Wildcard,
                'b' => IncludeType.Readable | IncludeType.Brace,
                _ => IncludeType.Readable | IncludeType.Missing | IncludeType.Brace | IncludeType.Wildcard,
            };
            p = 9;
        }
        else return false;
        _files.Open(buf[p..].TrimStart(" \t").ToString(), type);
        return true;
    }

    /// <summary>Splits off the first '{' or '}' outside quotes (and what follows it) onto the next line.</summary>
    private LineSlice SplitBraces(LineSlice line)
    {
        var buf = line.Span;
        var p = 0;
        if (buf[0] is not ('{' or '}'))
        {
            p = -1;
            var i = 0;
            while (buf[i..].IndexOfAny('{', '}', '"') is var next and >= 0)
            {
                i += next;
                if (buf[i] is '{' or '}')
                {
                    p = i;
                    break;
                }
                // A quoted string is passed over whole; an unclosed one hides the rest.
                var close = buf[(i + 1)..].IndexOf('"');
                if (close < 0) break;
                i += close + 2;
            }
        }
        if (p >= 0)
        {
            var skip = 0;
            if (p == 0)
            {
                skip = 1;
                while (p + skip < buf.Length && buf[p + skip] is ' ' or '\t') skip++;
            }
            if (p + skip < buf.Length)
            {
                // Both parts stay slices of the same text: no copy.
                _residue = line.Slice(p + skip).TrimEndBlanks();
                line = line.Slice(0, p + skip);
            }
        }
        line = line.TrimEndBlanks();
        if (line.Span is "{") BlockDepth++;
        else if (line.Span is "}" && BlockDepth-- < 1)
        {
            _diagnostics.Report(ConfigErrorKind.UnexpectedEob, "Extra '}' found");
            BlockDepth = 0;
        }
        return line;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>
    /// keepalived's <c>decomment</c>: strips leading blanks, a comment from an unquoted '#' or
    /// '!' on, trailing blanks (also before a final '\'), and the '\' escaping '#' or '!'.
    /// </summary>
    public static string Decomment(string line, ConfigDiagnostics diagnostics) => Decomment(line.AsSpan(), diagnostics);

    /// <inheritdoc cref="Decomment(string, ConfigDiagnostics)"/>
    public static string Decomment(ReadOnlySpan<char> line, ConfigDiagnostics diagnostics)
    {
        var s = line.TrimStart(" \t");
        if (!HasCommentOrQuote(s))
            // Nothing to interpret (most lines): only the blanks go.
            return s.TrimEnd(" \t").ToString();
        return Interpret(s, diagnostics);
    }

    /// <inheritdoc cref="Decomment(string, ConfigDiagnostics)"/>
    internal static LineSlice Decomment(LineSlice line, ConfigDiagnostics diagnostics)
    {
        var s = line.TrimStartBlanks();
        return !HasCommentOrQuote(s.Span) ? s.TrimEndBlanks() : new LineSlice(Interpret(s.Span, diagnostics));
    }

    /// <summary>Whether decomment has anything to interpret: a quote, an escape, a comment.</summary>
    private static bool HasCommentOrQuote(ReadOnlySpan<char> s)
    {
        // Lines are short: a plain loop (compiled ahead of time) beats setting up a vector search.
        foreach (var c in s)
            if (c is '"' or '\\' or '!' or '#') return true;
        return false;
    }

    /// <summary>Decomment for a line with a quote, an escape or a comment (blanks at its start already gone).</summary>
    private static string Interpret(ReadOnlySpan<char> s, ConfigDiagnostics diagnostics)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        var quote = false;
        var cont = false;
        var skipAt = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"')
            {
                if (skipAt < 0) quote = !quote;
            }
            else if (c == '\\')
            {
                if (i + 1 < s.Length)
                {
                    if (!quote && s[i + 1] is '#' or '!')
                    {
                        // The escape goes, the character stays (and cannot start a comment).
                        sb.Append(s[++i]);
                        continue;
                    }
                    sb.Append(c).Append(s[++i]);
                    continue;
                }
                cont = true;
                break;
            }
            else if (!quote && skipAt < 0 && c is '!' or '#')
                skipAt = sb.Length;
            sb.Append(c);
        }
        if (quote) diagnostics.Report(ConfigErrorKind.GeneralError, $"Unterminated quote '{sb}'");
        if (skipAt >= 0) sb.Length = skipAt;
        var text = sb.ToString().TrimEnd(' ', '\t');
        return cont ? text + "\\" : text;
    }
}
