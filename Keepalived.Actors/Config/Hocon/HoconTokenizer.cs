using System.Globalization;
using System.Text;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Splits HOCON text into tokens on demand. Comments are skipped; newlines are tokens because
/// they separate fields and end value concatenations; whitespace is a token because it is kept
/// inside concatenations (<c>a = foo bar</c> is "foo bar").
/// </summary>
internal sealed class HoconTokenizer
{
    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public HoconTokenizer(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>Current position, for origins and errors.</summary>
    public HoconOrigin Position => new(_file, _line, _pos - _lineStart + 1);

    /// <summary>HOCON whitespace: Unicode separators, BOM, ASCII controls 0x09-0x0D and 0x1C-0x1F.</summary>
    public static bool IsWhitespace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' or '\uFEFF' => true,
        >= '\u001C' and <= '\u001F' => true,
        < '\u0080' => false,
        _ => char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator,
    };

    // Spec "Unquoted strings": characters that may not appear in an unquoted string. (A switch,
    // not SearchValues: one character at a time gains nothing from vectors, and their set-up is
    // compiled at start, on the way to the first advert.)
    public static bool IsForbidden(char c) => c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '+' or '#' or '`'
        or '^' or '?' or '!' or '@' or '*' or '&' or '\\';

    /// <summary>
    /// Length of the JSON number starting at <paramref name="start"/>
    /// (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>), or 0 if there is none.
    /// </summary>
    public static int JsonNumberLength(string text, int start)
    {
        var i = start;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return 0;
        }

        i = text[i] == '0' ? i + 1 : SkipDigits(text, i);
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i = SkipDigits(text, i + 1);
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = SkipDigits(text, j);
            }
        }

        return i - start;

        static int SkipDigits(string s, int k)
        {
            while (k < s.Length && char.IsAsciiDigit(s[k]))
            {
                k++;
            }

            return k;
        }
    }

    public HoconToken Next()
    {
        SkipComment();
        var origin = Position;
        if (_pos >= _text.Length)
        {
            return new HoconToken(HoconTokenType.EndOfFile, string.Empty, origin);
        }

        var c = _text[_pos];
        switch (c)
        {
            case '\n':
                _pos++;
                _line++;
                _lineStart = _pos;
                return new HoconToken(HoconTokenType.Newline, "\n", origin);
            case '{':
                return Single(HoconTokenType.OpenBrace, origin);
            case '}':
                return Single(HoconTokenType.CloseBrace, origin);
            case '[':
                return Single(HoconTokenType.OpenBracket, origin);
            case ']':
                return Single(HoconTokenType.CloseBracket, origin);
            case ',':
                return Single(HoconTokenType.Comma, origin);
            case ':' or '=':
                return Single(HoconTokenType.KeyValueSeparator, origin);
            case '+' when At(1, '='):
                _pos += 2;
                return new HoconToken(HoconTokenType.PlusEquals, "+=", origin);
            case '"':
                return new HoconToken(HoconTokenType.Quoted, IsTripleQuote() ? ReadTripleQuoted(origin) : ReadQuoted(origin), origin);
            case '$' when At(1, '{'):
                return ReadSubstitution(origin);
        }

        if (IsWhitespace(c))
        {
            var start = _pos;
            while (_pos < _text.Length && _text[_pos] != '\n' && IsWhitespace(_text[_pos]))
            {
                _pos++;
            }

            return new HoconToken(HoconTokenType.Whitespace, _text[start.._pos], origin);
        }

        if (IsForbidden(c))
        {
            throw new HoconParseException(
                $"reserved character {DescribeChar(c)} is not allowed outside quotes" + (c == '$' ? " (a substitution is written ${path})" : string.Empty),
                origin);
        }

        return new HoconToken(HoconTokenType.Unquoted, ReadUnquoted(), origin);
    }

    /// <summary>
    /// Reads the argument of an <c>include</c> statement directly from the text:
    /// <c>"name"</c>, <c>file("name")</c>, <c>url(...)</c>, <c>classpath(...)</c>, or any of them
    /// inside <c>required(...)</c>. Whitespace and newlines may precede it.
    /// </summary>
    public HoconIncludeDirective ReadIncludeDirective(HoconOrigin origin)
    {
        SkipBlankAndComments();
        var required = false;
        var openParens = 0;
        var word = ReadWord();
        if (word == "required")
        {
            required = true;
            ExpectOpenParen(word);
            openParens++;
            word = ReadWord();
        }

        var kind = HoconIncludeKind.Heuristic;
        if (word.Length > 0)
        {
            kind = word switch
            {
                "file" => HoconIncludeKind.File,
                "url" => HoconIncludeKind.Url,
                "classpath" => HoconIncludeKind.Classpath,
                _ => throw new HoconParseException($"unknown include form '{HoconLimits.Shorten(word)}(' (expected file(), url(), classpath() or required())", Position),
            };
            ExpectOpenParen(word);
            openParens++;
        }

        if (!At(0, '"') || IsTripleQuote())
        {
            throw new HoconParseException("include must be followed by a quoted name, file(\"name\"), url(\"...\"), classpath(\"...\") or required(...)", Position);
        }

        var name = ReadQuoted(Position);
        for (; openParens > 0; openParens--)
        {
            SkipBlankAndComments();
            if (!At(0, ')'))
            {
                throw new HoconParseException("expected ')' to close the include statement", Position);
            }

            _pos++;
        }

        return new HoconIncludeDirective(kind, name, required, origin);

        void ExpectOpenParen(string form)
        {
            if (!At(0, '('))
            {
                throw new HoconParseException($"expected '(' after include form '{form}'", Position);
            }

            _pos++;
            SkipBlankAndComments();
        }
    }

    private static string DescribeChar(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    private bool At(int offset, char c) => _pos + offset < _text.Length && _text[_pos + offset] == c;

    private bool IsTripleQuote() => At(0, '"') && At(1, '"') && At(2, '"');

    private bool AtComment() => At(0, '#') || (At(0, '/') && At(1, '/'));

    private HoconToken Single(HoconTokenType type, HoconOrigin origin)
    {
        var text = _text.Substring(_pos, 1);
        _pos++;
        return new HoconToken(type, text, origin);
    }

    /// <summary>A comment runs to the end of the line; the newline itself stays a token.</summary>
    private void SkipComment()
    {
        if (AtComment())
        {
            var end = _text.IndexOf('\n', _pos);
            _pos = end < 0 ? _text.Length : end;
        }
    }

    private void SkipBlankAndComments()
    {
        while (_pos < _text.Length)
        {
            if (AtComment())
            {
                SkipComment();
            }
            else if (_text[_pos] == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (IsWhitespace(_text[_pos]))
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private string ReadWord()
    {
        var start = _pos;
        while (_pos < _text.Length && char.IsAsciiLetterLower(_text[_pos]))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    /// <summary>
    /// An unquoted string runs until a forbidden character, whitespace or <c>//</c>. If it starts
    /// like a JSON number, the number part is taken first (it may contain '+', e.g. <c>1e+5</c>).
    /// </summary>
    private string ReadUnquoted()
    {
        var start = _pos;
        _pos += JsonNumberLength(_text, _pos);
        SkipUnquotedChars();
        return _text[start.._pos];
    }

    private void SkipUnquotedChars()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (IsForbidden(c) || IsWhitespace(c) || (c == '/' && At(1, '/')))
            {
                return;
            }

            _pos++;
        }
    }

    /// <summary>A JSON string: escapes \" \\ \/ \b \f \n \r \t \uXXXX; raw control characters are errors.</summary>
    private string ReadQuoted(HoconOrigin origin)
    {
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new HoconParseException("unterminated quoted string", origin);
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return sb.ToString();
            }

            if (c == '\\')
            {
                sb.Append(ReadEscape(origin));
                continue;
            }

            if (c < ' ')
            {
                throw new HoconParseException(
                    c == '\n'
                        ? "unterminated quoted string (newline before the closing quote; use \"\"\" for multi-line strings)"
                        : $"control character {DescribeChar(c)} must be escaped in a quoted string",
                    Position);
            }

            sb.Append(c);
            _pos++;
        }
    }

    private char ReadEscape(HoconOrigin origin)
    {
        var at = Position;
        if (_pos + 1 >= _text.Length)
        {
            throw new HoconParseException("unterminated quoted string", origin);
        }

        var e = _text[_pos + 1];
        _pos += 2;
        switch (e)
        {
            case '"' or '\\' or '/':
                return e;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (_pos + 4 <= _text.Length
                    && ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    _pos += 4;
                    return (char)code;
                }

                throw new HoconParseException("invalid \\u escape (expected four hex digits)", at);
            default:
                throw new HoconParseException($"invalid escape sequence '\\{(char.IsControl(e) ? DescribeChar(e) : e.ToString())}' in quoted string", at);
        }
    }

    /// <summary>
    /// <c>"""...."""</c>: taken verbatim, no escapes. Like Scala, any run of three or more quotes
    /// ends it and the extra quotes belong to the string (<c>"""foo""""</c> is <c>foo"</c>).
    /// </summary>
    private string ReadTripleQuoted(HoconOrigin origin)
    {
        var start = _pos + 3;
        var close = _text.IndexOf("\"\"\"", start, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new HoconParseException("unterminated triple-quoted string", origin);
        }

        var end = close + 3;
        while (end < _text.Length && _text[end] == '"')
        {
            end++;
        }

        var content = _text[start..(end - 3)];
        for (var i = _pos; i < end; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        }

        _pos = end;
        return content;
    }

    /// <summary><c>${path}</c> / <c>${?path}</c>: the path is quoted/unquoted text on one line.</summary>
    private HoconToken ReadSubstitution(HoconOrigin origin)
    {
        var start = _pos;
        _pos += 2;
        var optional = At(0, '?');
        if (optional)
        {
            _pos++;
        }

        var pieces = new List<(string Text, bool Quoted)>();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw new HoconParseException("unterminated substitution (missing '}')", origin);
            }

            var c = _text[_pos];
            var pieceStart = _pos;
            if (c == '}')
            {
                _pos++;
                break;
            }

            if (c == '"')
            {
                pieces.Add((IsTripleQuote() ? ReadTripleQuoted(origin) : ReadQuoted(Position), true));
                continue;
            }

            if (IsWhitespace(c))
            {
                while (_pos < _text.Length && _text[_pos] != '\n' && IsWhitespace(_text[_pos]))
                {
                    _pos++;
                }
            }
            else if (IsForbidden(c) || (c == '/' && At(1, '/')))
            {
                throw new HoconParseException($"unexpected {DescribeChar(c)} in substitution", Position);
            }
            else
            {
                SkipUnquotedChars();
            }

            pieces.Add((_text[pieceStart.._pos], false));
        }

        HoconPath.Trim(pieces);
        if (pieces.Count == 0)
        {
            throw new HoconParseException("empty substitution '${}'", origin);
        }

        var path = HoconPath.FromPieces(pieces, origin);
        return new HoconToken(HoconTokenType.Substitution, _text[start.._pos], origin, path, optional);
    }
}
