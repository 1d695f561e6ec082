using System.Reflection;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>Convenience entry points, named after Akka.NET's <c>ConfigurationFactory</c>.</summary>
public static class ConfigurationFactory
{
    /// <summary>A configuration without any value.</summary>
    public static Config Empty => Config.Empty;

    /// <summary>Parses and resolves HOCON text.</summary>
    public static Config ParseString(string hocon, HoconParserOptions? options = null) => HoconParser.Parse(hocon, options);

    /// <summary>Parses and resolves a HOCON file.</summary>
    public static Config FromFile(string path, HoconParserOptions? options = null) => HoconParser.ParseFile(path, options);

    /// <summary>Parses an embedded resource (its includes are relative to the current directory).</summary>
    /// <exception cref="HoconException">The resource does not exist or has an error.</exception>
    public static Config FromResource(Assembly assembly, string resourceName, HoconParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new HoconException($"embedded resource '{resourceName}' not found in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return HoconParser.Parse(reader.ReadToEnd(), (options ?? HoconParserOptions.Default) with { FileName = options?.FileName ?? resourceName });
    }
}
