using System.Reflection;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>Convenience entry points, Akka.NET's <c>ConfigurationFactory</c>, named apart from it.</summary>
public static class HoconConfigurationFactory
{
    /// <summary>A configuration without any value.</summary>
    public static HoconConfig Empty => HoconConfig.Empty;

    /// <summary>Parses and resolves HOCON text.</summary>
    public static HoconConfig ParseString(string hocon, HoconParserOptions? options = null) => HoconParser.Parse(hocon, options);

    /// <summary>Parses and resolves a HOCON file.</summary>
    public static HoconConfig FromFile(string path, HoconParserOptions? options = null) => HoconParser.ParseFile(path, options);

    /// <summary>Parses an embedded resource (its includes are relative to the current directory).</summary>
    /// <exception cref="HoconException">The resource does not exist or has an error.</exception>
    public static HoconConfig FromResource(Assembly assembly, string resourceName, HoconParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new HoconException($"embedded resource '{resourceName}' not found in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return HoconParser.Parse(reader.ReadToEnd(), (options ?? HoconParserOptions.Default) with { FileName = options?.FileName ?? resourceName });
    }
}
