using System.Runtime.CompilerServices;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Recursive-descent parser for one HOCON document (one file or string). Nesting is bounded
/// by <see cref="HoconParserOptions.MaxDepth"/> and by the remaining stack, so hostile input
/// ends in a <see cref="HoconParseException"/>, never a stack overflow.
/// </summary>
internal sealed class HoconSyntaxParser
{
    private readonly HoconTokenizer _tokens;
    private readonly HoconParseSession _session;
    private readonly string _directory;
    private readonly HoconPath _includePrefix;
    private int _depth;
    private HoconToken? _peeked;

    /// <param name="text">The document.</param>
    /// <param name="fileName">Name used in origins and messages.</param>
    /// <param name="directory">Directory that relative includes are resolved against.</param>
    /// <param name="includePrefix">Path at which this document is included (empty for the top document).</param>
    /// <param name="depth">Nesting depth already used by including documents.</param>
    /// <param name="session">Shared state: options and the include stack.</param>
    public HoconSyntaxParser(string text, string fileName, string directory, HoconPath includePrefix, int depth, HoconParseSession session)
    {
        _tokens = new HoconTokenizer(text, fileName);
        _directory = directory;
        _includePrefix = includePrefix;
        _depth = depth;
        _session = session;
    }

    /// <summary>
    /// Parses the document's root object. Root braces are optional (spec "Omit root braces"),
    /// but a '}' without its '{' is an error, and the root must not be an array.
    /// </summary>
    public HoconObject ParseDocument()
    {
        SkipBlank();
        var first = Peek();
        if (first.Type == HoconTokenType.OpenBracket)
        {
            throw new HoconParseException("the root of a configuration must be an object, not an array", first.Origin);
        }

        if (first.Type != HoconTokenType.OpenBrace)
        {
            return ParseObjectBody(_includePrefix, first.Origin, braced: false).Freeze();
        }

        Next();
        var root = ParseObjectBody(_includePrefix, first.Origin, braced: true);
        SkipBlank();
        var rest = Peek();
        if (rest.Type != HoconTokenType.EndOfFile)
        {
            throw new HoconParseException($"unexpected {rest.Describe()} after the end of the root object", rest.Origin);
        }

        return root.Freeze();
    }

    private HoconToken Peek() => _peeked ??= _tokens.Next();

    private HoconToken Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    private void SkipWhitespace()
    {
        while (Peek().Type == HoconTokenType.Whitespace)
        {
            Next();
        }
    }

    private void SkipBlank()
    {
        while (Peek().Type is HoconTokenType.Whitespace or HoconTokenType.Newline)
        {
            Next();
        }
    }

    private void EnterNesting(HoconOrigin origin)
    {
        _depth++;
        CheckDepth(0, origin);
    }

    /// <summary>Fails if <paramref name="extra"/> more levels would exceed the limit or the stack.</summary>
    private void CheckDepth(int extra, HoconOrigin origin)
    {
        if (_depth + extra > _session.Options.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconParseException($"nesting is too deep (more than {_session.Options.MaxDepth} levels of objects, arrays or key segments)", origin);
        }
    }

    /// <summary>
    /// Fields separated by commas or newlines; one trailing comma is allowed
    /// (spec "Commas": <c>[1,2,]</c> is fine, <c>[1,,2]</c> and <c>[,1]</c> are not).
    /// </summary>
    private HoconObjectBuilder ParseObjectBody(HoconPath path, HoconOrigin open, bool braced)
    {
        EnterNesting(open);
        var obj = new HoconObjectBuilder(open);
        while (true)
        {
            SkipBlank();
            var token = Peek();
            if (token.Type == HoconTokenType.CloseBrace)
            {
                if (!braced)
                {
                    throw new HoconParseException("unexpected '}' (no matching '{')", token.Origin);
                }

                Next();
                break;
            }

            if (token.Type == HoconTokenType.EndOfFile)
            {
                if (braced)
                {
                    throw new HoconParseException($"unexpected end of input: the '{{' at line {open.Line}, column {open.Column} is never closed", token.Origin);
                }

                break;
            }

            if (token.Type == HoconTokenType.Comma)
            {
                throw new HoconParseException("unexpected ',' (expected a key; two commas in a row or a leading comma are not allowed)", token.Origin);
            }

            ParseMember(obj, path);
            ExpectSeparatorOr(HoconTokenType.CloseBrace, "after a field");
        }

        _depth--;
        return obj;
    }

    /// <summary>After a field or element: a comma, a newline, or the closing token.</summary>
    private void ExpectSeparatorOr(HoconTokenType close, string where)
    {
        SkipWhitespace();
        var token = Peek();
        if (token.Type == HoconTokenType.Comma)
        {
            Next();
        }
        else if (token.Type != HoconTokenType.Newline && token.Type != close && token.Type != HoconTokenType.EndOfFile)
        {
            throw new HoconParseException($"expected ',' or a newline {where}, found {token.Describe()}", token.Origin);
        }
    }

    private void ParseMember(HoconObjectBuilder obj, HoconPath path)
    {
        var first = Peek();

        // Spec "Include syntax": an unquoted 'include' at the start of a key is an include statement.
        if (first is { Type: HoconTokenType.Unquoted, Text: "include" })
        {
            Next();
            var directive = _tokens.ReadIncludeDirective(first.Origin);
            var included = _session.Include(directive, _directory, path, _depth);
            if (included is not null)
            {
                obj.MergeFrom(included);
            }

            return;
        }

        var key = ReadKey();
        CheckDepth(key.Count, first.Origin);
        var fieldPath = path.Append(key);
        SkipWhitespace();
        var separator = Peek();
        HoconValue value;
        switch (separator.Type)
        {
            case HoconTokenType.KeyValueSeparator:
                Next();
                SkipBlank();
                value = ParseValue(fieldPath) ?? throw MissingValue(separator, key);
                break;
            case HoconTokenType.PlusEquals:
                Next();
                SkipBlank();
                value = AppendTo(fieldPath, ParseValue(fieldPath) ?? throw MissingValue(separator, key), separator.Origin);
                break;
            case HoconTokenType.OpenBrace:
                // Spec "Key-value separator": the separator may be omitted before '{'.
                value = ParseValue(fieldPath)!;
                break;
            default:
                throw new HoconParseException($"expected ':', '=', '+=' or '{{' after key '{HoconLimits.Shorten(key.ToString())}', found {separator.Describe()}", separator.Origin);
        }

        obj.Set(key, value);
    }

    private HoconParseException MissingValue(HoconToken separator, HoconPath key) =>
        new($"expected a value after '{separator.Text}' for key '{HoconLimits.Shorten(key.ToString())}', found {Peek().Describe()}", Peek().Origin);

    /// <summary>Spec "The += field separator": <c>a += v</c> means <c>a = ${?a} [v]</c>.</summary>
    private static HoconConcatenation AppendTo(HoconPath fieldPath, HoconValue value, HoconOrigin origin)
    {
        var self = new HoconSubstitution([fieldPath], fieldPath, optional: true, $"${{?{fieldPath}}}", origin);
        return new HoconConcatenation([self, new HoconArray([value], value.Origin)], origin);
    }

    /// <summary>A key is a path expression: unquoted/quoted strings, with inner whitespace kept.</summary>
    private HoconPath ReadKey()
    {
        var origin = Peek().Origin;
        var pieces = new List<(string Text, bool Quoted)>();
        HoconToken? pendingWhitespace = null;
        while (true)
        {
            var token = Peek();
            if (token.Type == HoconTokenType.Whitespace)
            {
                Next();
                pendingWhitespace = pieces.Count > 0 ? token : null;
                continue;
            }

            if (token.Type is not (HoconTokenType.Unquoted or HoconTokenType.Quoted))
            {
                break;
            }

            Next();
            if (pendingWhitespace is { } whitespace)
            {
                pieces.Add((whitespace.Text, false));
                pendingWhitespace = null;
            }

            pieces.Add((token.Text, token.Type == HoconTokenType.Quoted));
        }

        if (pieces.Count == 0)
        {
            var token = Peek();
            throw new HoconParseException($"expected a key, found {token.Describe()}" + (token.Type == HoconTokenType.Substitution ? " (substitutions are not allowed in keys)" : string.Empty), token.Origin);
        }

        return HoconPath.FromPieces(pieces, origin);
    }

    /// <summary>
    /// A value is one or more pieces on the same line (value concatenation). Whitespace between
    /// pieces is kept; leading and trailing whitespace is dropped. Returns null if there is no piece.
    /// </summary>
    private HoconValue? ParseValue(HoconPath path)
    {
        var pieces = new List<HoconValue>();
        HoconToken? pendingWhitespace = null;
        var hasSubstitution = false;
        while (true)
        {
            var token = Peek();
            switch (token.Type)
            {
                case HoconTokenType.Whitespace:
                    Next();
                    pendingWhitespace = pieces.Count > 0 ? token : null;
                    continue;
                case HoconTokenType.Unquoted or HoconTokenType.Quoted or HoconTokenType.Substitution
                    or HoconTokenType.OpenBrace or HoconTokenType.OpenBracket:
                    if (pendingWhitespace is { } whitespace)
                    {
                        pieces.Add(HoconLiteral.Whitespace(whitespace.Text, whitespace.Origin));
                        pendingWhitespace = null;
                    }

                    hasSubstitution |= token.Type == HoconTokenType.Substitution;
                    pieces.Add(ParsePiece(path));
                    continue;
            }

            break;
        }

        return pieces.Count switch
        {
            0 => null,
            1 => pieces[0],
            _ when hasSubstitution => new HoconConcatenation(pieces, pieces[0].Origin),
            _ => HoconConcatenator.Concatenate(pieces, pieces[0].Origin),
        };
    }

    private HoconValue ParsePiece(HoconPath path)
    {
        var token = Next();
        return token.Type switch
        {
            HoconTokenType.OpenBrace => ParseObjectBody(path, token.Origin, braced: true).Freeze(),
            HoconTokenType.OpenBracket => ParseArray(path, token.Origin),
            HoconTokenType.Unquoted => HoconLiteral.FromUnquoted(token.Text, token.Origin),
            HoconTokenType.Quoted => HoconLiteral.String(token.Text, token.Origin),
            _ => Substitution(token),
        };
    }

    /// <summary>
    /// Inside an included file a substitution is looked up first relative to where the file was
    /// included, then from the root (spec "Include semantics: substitution").
    /// </summary>
    private HoconSubstitution Substitution(HoconToken token)
    {
        var path = token.Path!;
        HoconPath[] candidates = _includePrefix.Count == 0 ? [path] : [_includePrefix.Append(path), path];
        return new HoconSubstitution(candidates, path, token.Optional, token.Text, token.Origin);
    }

    private HoconArray ParseArray(HoconPath path, HoconOrigin open)
    {
        EnterNesting(open);
        var items = new List<HoconValue>();
        while (true)
        {
            SkipBlank();
            var token = Peek();
            if (token.Type == HoconTokenType.CloseBracket)
            {
                Next();
                break;
            }

            if (token.Type == HoconTokenType.EndOfFile)
            {
                throw new HoconParseException($"unexpected end of input: the '[' at line {open.Line}, column {open.Column} is never closed", token.Origin);
            }

            if (token.Type == HoconTokenType.Comma)
            {
                throw new HoconParseException("unexpected ',' (expected an array element; two commas in a row or a leading comma are not allowed)", token.Origin);
            }

            items.Add(ParseValue(path) ?? throw new HoconParseException($"expected an array element, found {token.Describe()}", token.Origin));
            ExpectSeparatorOr(HoconTokenType.CloseBracket, "between array elements");
        }

        _depth--;
        return new HoconArray(items.ToArray(), open);
    }
}
