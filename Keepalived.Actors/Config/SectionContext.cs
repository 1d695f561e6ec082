using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config;

/// <summary>What every configuration section works with.</summary>
public sealed record SectionContext(ConfigParser Parser, KeepalivedConfig Config, ConfigHost Host)
{
    /// <summary>
    /// The users, groups and files the script-security check looks at. The machine's own needs
    /// the kernel to tell who owns a file, which this layer does not use: the service passes it,
    /// tests pass a fake. Without one, a configuration that names scripts cannot be checked.
    /// </summary>
    public IScriptHost? Scripts { get; init; }

    public ValueReader Values { get; } = new(Parser);

    public void Report(ConfigErrorKind kind, string message) => Parser.Report(kind, message);

    /// <summary>Where the parser is now, to remember where something was defined.</summary>
    public SourcePosition Here()
    {
        var (file, line) = Parser.Position;
        return new SourcePosition(file, line);
    }
}

/// <summary>A place in the configuration files.</summary>
public readonly record struct SourcePosition(string? File, int Line)
{
    public override string ToString() => File is null ? $"Line {Line}" : $"{File}: Line {Line}";
}
