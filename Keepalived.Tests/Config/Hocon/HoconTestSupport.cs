using Xunit;
using Keepalived.Actors.Config.Hocon;

namespace Keepalived.Tests.Config.Hocon;


/// <summary>Parsing helpers that isolate tests from the process environment.</summary>
internal static class HoconTestSupport
{
    public static readonly HoconParserOptions NoEnvironment = new() { EnvironmentLookup = _ => null };

    public static HoconConfig Parse(string text) => HoconParser.Parse(text, NoEnvironment);

    public static HoconConfig Parse(string text, IReadOnlyDictionary<string, string> environment) =>
        HoconParser.Parse(text, new HoconParserOptions { EnvironmentLookup = environment.GetValueOrDefault });

    public static HoconConfig Unresolved(string text, string fileName = "<string>") =>
        HoconParser.Parse(text, NoEnvironment with { Resolve = false, FileName = fileName });

    /// <summary>Compact JSON of the resolved configuration.</summary>
    public static string Json(string text) => Parse(text).ToString();

    public static HoconParseException ParseError(string text, string fileName = "<string>") =>
        Assert.ThrowsAny<HoconParseException>(() => HoconParser.Parse(text, NoEnvironment with { FileName = fileName }));
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("hocon-tests-").FullName;
    }

    public string Path { get; }

    public string Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
