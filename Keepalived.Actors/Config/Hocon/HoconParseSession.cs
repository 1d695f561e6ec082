using System.Text;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// State shared by a document and the files it includes: the options and the stack of files
/// being parsed, which detects include cycles.
/// </summary>
internal sealed class HoconParseSession
{
    private readonly List<string> _fileStack = [];

    public HoconParseSession(HoconParserOptions options) => Options = options;

    public HoconParserOptions Options { get; }

    /// <param name="text">The document.</param>
    /// <param name="fileName">Name for origins and messages.</param>
    /// <param name="directory">Base directory of relative includes.</param>
    /// <param name="fullPath">Full path of the file, or null for a string.</param>
    /// <param name="prefix">Path at which the document is included.</param>
    /// <param name="depth">Nesting already used.</param>
    public HoconObject ParseDocument(string text, string fileName, string directory, string? fullPath, HoconPath prefix, int depth)
    {
        if (fullPath is not null)
        {
            _fileStack.Add(fullPath);
        }

        try
        {
            return new HoconSyntaxParser(text, fileName, directory, prefix, depth, this).ParseDocument();
        }
        finally
        {
            if (fullPath is not null)
            {
                _fileStack.RemoveAt(_fileStack.Count - 1);
            }
        }
    }

    /// <summary>
    /// Loads an included file, relative to the including file's directory. A missing file is
    /// silently ignored unless the include is <c>required(...)</c> (spec "missing files and
    /// required files"). Returns null when ignored.
    /// </summary>
    public HoconObject? Include(HoconIncludeDirective directive, string directory, HoconPath prefix, int depth)
    {
        if (directive.Kind is HoconIncludeKind.Url or HoconIncludeKind.Classpath)
        {
            throw new HoconParseException($"include {directive.Kind.ToString().ToLowerInvariant()}(...) is not supported; use a file name or file(\"...\")", directive.Origin);
        }

        var displayName = directive.Name.Length == 0 ? directory : Path.Combine(directory, directive.Name);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(displayName);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException)
        {
            throw new HoconParseException($"invalid include file name \"{HoconLimits.Shorten(directive.Name)}\"", directive.Origin, e);
        }

        var cycleStart = _fileStack.IndexOf(fullPath);
        if (cycleStart >= 0)
        {
            throw new HoconParseException($"include cycle: {string.Join(" -> ", _fileStack.Skip(cycleStart))} -> {fullPath}", directive.Origin);
        }

        if (_fileStack.Count >= HoconLimits.MaxIncludeDepth)
        {
            throw new HoconParseException($"includes are nested more than {HoconLimits.MaxIncludeDepth} files deep", directive.Origin);
        }

        if (!File.Exists(fullPath))
        {
            return directive.Required
                ? throw new HoconParseException($"required include file \"{directive.Name}\" not found (looked for {fullPath})", directive.Origin)
                : null;
        }

        var text = ReadFile(fullPath, directive.Origin);
        return ParseDocument(text, displayName, Path.GetDirectoryName(fullPath) ?? directory, fullPath, prefix, depth);
    }

    /// <summary>Reads a UTF-8 file of at most <see cref="HoconLimits.MaxFileBytes"/>.</summary>
    public static string ReadFile(string fullPath, HoconOrigin origin)
    {
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > HoconLimits.MaxFileBytes)
                {
                    throw new HoconParseException($"configuration file {fullPath} is larger than {HoconLimits.MaxFileBytes} bytes", origin);
                }
            }

            buffer.Position = 0;
            using var reader = new StreamReader(buffer, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new HoconParseException($"cannot read {fullPath}: {e.Message}", origin, e);
        }
    }
}
