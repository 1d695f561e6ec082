namespace Keepalived.Actors.Config.Hocon;

internal enum HoconTokenType
{
    EndOfFile,
    Newline,
    Whitespace,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,

    /// <summary><c>=</c> or <c>:</c>.</summary>
    KeyValueSeparator,
    PlusEquals,
    Unquoted,

    /// <summary>A quoted or triple-quoted string; <see cref="HoconToken.Text"/> is the unescaped content.</summary>
    Quoted,

    /// <summary><c>${path}</c> or <c>${?path}</c>; <see cref="HoconToken.Text"/> is the raw text.</summary>
    Substitution,
}

/// <summary>One lexical token. <see cref="Path"/> and <see cref="Optional"/> are set for substitutions only.</summary>
internal readonly record struct HoconToken(
    HoconTokenType Type,
    string Text,
    HoconOrigin Origin,
    HoconPath? Path = null,
    bool Optional = false)
{
    /// <summary>A short description for error messages.</summary>
    public string Describe() => Type switch
    {
        HoconTokenType.EndOfFile => "end of input",
        HoconTokenType.Newline => "newline",
        HoconTokenType.Whitespace => "whitespace",
        HoconTokenType.Quoted => $"quoted string \"{HoconLimits.Shorten(Text)}\"",
        HoconTokenType.Substitution => $"substitution {HoconLimits.Shorten(Text)}",
        _ => $"'{HoconLimits.Shorten(Text)}'",
    };
}

internal enum HoconIncludeKind
{
    /// <summary><c>include "name"</c>: treated as a file name.</summary>
    Heuristic,
    File,
    Url,
    Classpath,
}

/// <summary>A parsed <c>include</c> statement.</summary>
internal sealed record HoconIncludeDirective(HoconIncludeKind Kind, string Name, bool Required, HoconOrigin Origin);
