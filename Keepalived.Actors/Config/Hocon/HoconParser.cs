namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Entry point of the HOCON reader (named after Akka.NET's <c>Hocon.HoconParser</c>).
/// Implements the parts of https://github.com/lightbend/config/blob/main/HOCON.md a service
/// needs; see the tests under Keepalived.Tests/Config/Hocon for the covered rules.
/// </summary>
public static class HoconParser
{
    /// <summary>Parses HOCON text. Substitutions are resolved unless <see cref="HoconParserOptions.Resolve"/> is false.</summary>
    /// <exception cref="HoconParseException">Syntax, include or substitution error; the message names file, line and column.</exception>
    public static HoconConfig Parse(string text, HoconParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= HoconParserOptions.Default;
        var directory = options.BaseDirectory ?? Directory.GetCurrentDirectory();
        var root = new HoconParseSession(options).ParseDocument(text, options.FileName ?? "<string>", directory, null, HoconPath.Empty, 0);
        return Finish(root, options);
    }

    /// <summary>Parses a HOCON file; its includes are relative to its directory.</summary>
    /// <exception cref="HoconParseException">The file is missing or unreadable, or has an error.</exception>
    public static HoconConfig ParseFile(string path, HoconParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= HoconParserOptions.Default;
        var name = options.FileName ?? path;
        var origin = new HoconOrigin(name, 0, 0);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException)
        {
            throw new HoconParseException($"invalid configuration file name \"{HoconLimits.Shorten(path)}\"", origin, e);
        }

        if (!File.Exists(fullPath))
        {
            throw new HoconParseException($"configuration file not found (looked for {fullPath})", origin);
        }

        var text = HoconParseSession.ReadFile(fullPath, origin);
        var directory = Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory();
        var root = new HoconParseSession(options).ParseDocument(text, name, directory, fullPath, HoconPath.Empty, 0);
        return Finish(root, options);
    }

    private static HoconConfig Finish(HoconObject root, HoconParserOptions options)
    {
        var config = new HoconConfig(root, options.EnvironmentLookup);
        return options.Resolve ? config.Resolve() : config;
    }
}
