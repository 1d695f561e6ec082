namespace Keepalived.Actors.Config.Hocon;

/// <summary>Hard limits that keep hostile or broken input from exhausting the stack or memory.</summary>
internal static class HoconLimits
{
    /// <summary>Default maximum nesting of objects/arrays (and dotted key segments).</summary>
    public const int DefaultMaxDepth = 512;

    /// <summary>Maximum nesting of substitution look-ups while resolving one value.</summary>
    public const int MaxResolveDepth = 512;

    /// <summary>Maximum number of resolution steps for one configuration.</summary>
    public const long MaxResolveSteps = 5_000_000;

    /// <summary>Maximum logical size (nodes plus string length / 16) of a resolved configuration.</summary>
    public const long MaxResolvedSize = 2_000_000;

    /// <summary>Maximum nesting of include files.</summary>
    public const int MaxIncludeDepth = 64;

    /// <summary>Maximum size of one configuration file.</summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    /// <summary>Longest piece of input quoted back in an error message.</summary>
    public const int MaxQuotedTextInErrors = 40;

    /// <summary>Shortens <paramref name="text"/> for an error message.</summary>
    public static string Shorten(string text) =>
        text.Length <= MaxQuotedTextInErrors ? text : string.Concat(text.AsSpan(0, MaxQuotedTextInErrors), "...");
}
