namespace Keepalived.Actors.Config.Hocon;

/// <summary>Options of <see cref="HoconParser"/>.</summary>
public sealed record HoconParserOptions
{
    /// <summary>Default options: resolve at once, process environment, depth limit 512.</summary>
    public static HoconParserOptions Default { get; } = new();

    /// <summary>
    /// Name used in origins and error messages; default <c>&lt;string&gt;</c> for
    /// <see cref="HoconParser.Parse"/> and the given path for <see cref="HoconParser.ParseFile"/>.
    /// </summary>
    public string? FileName { get; init; }

    /// <summary>
    /// Directory that relative includes of a parsed string are resolved against
    /// (default: the current directory). Files use their own directory.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>
    /// Resolve substitutions right after parsing (default). Set to false to parse a layer that is
    /// merged with others first (<see cref="HoconConfig.WithFallback"/>); it is then resolved on first use.
    /// </summary>
    public bool Resolve { get; init; } = true;

    /// <summary>
    /// Where substitutions that are not found in the configuration are looked up
    /// (spec "Substitution fallback to environment variables"). Default: the process environment.
    /// </summary>
    public Func<string, string?>? EnvironmentLookup { get; init; }

    /// <summary>Maximum nesting of objects, arrays and key segments.</summary>
    public int MaxDepth { get; init; } = HoconLimits.DefaultMaxDepth;
}
