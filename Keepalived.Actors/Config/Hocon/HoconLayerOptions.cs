namespace Keepalived.Actors.Config.Hocon;

/// <summary>Where <see cref="HoconLayers.Load"/> takes each layer from.</summary>
public sealed record HoconLayerOptions
{
    /// <summary>An explicit user configuration file; it must exist.</summary>
    public string? UserFile { get; init; }

    /// <summary>
    /// Path of keepalived.conf; if <see cref="UserFile"/> is not set, a <c>keepalived.hocon</c>
    /// in the same directory is used when it exists.
    /// </summary>
    public string? KeepalivedConfPath { get; init; }

    /// <summary>Environment variables (default: a snapshot of the process environment).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Map <see cref="EnvironmentPrefix"/> variables to settings (default true).</summary>
    public bool MapPrefixedEnvironment { get; init; } = true;

    /// <summary>Prefix of variables mapped to settings under <c>keepalived-net</c>.</summary>
    public string EnvironmentPrefix { get; init; } = HoconLayers.EnvironmentPrefix;
}
