using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Config;

/// <summary>Options of <see cref="KeepalivedConfigLoader.Load"/>.</summary>
public sealed record ConfigLoadOptions
{
    public ConfigParserOptions Parser { get; init; } = new();
    public ConfigHost Host { get; init; } = ConfigHost.Local;
    /// <summary>What script security checks the scripts against (see <see cref="SectionContext.Scripts"/>).</summary>
    public IScriptHost? Scripts { get; init; }
    /// <summary>The HOCON layers whose <c>keepalived { }</c> part overrides keepalived.conf; none when null.</summary>
    public Hocon.HoconConfig? Overrides { get; init; }

    /// <summary>
    /// Asked for the overrides once the file is parsed, when <see cref="Overrides"/> is null: a
    /// caller can read its HOCON layers on another thread while keepalived.conf is parsed.
    /// </summary>
    public Func<Hocon.HoconConfig?>? OverridesAfterParse { get; init; }

    /// <summary>Called with each diagnostic as it is found (e.g. to print it).</summary>
    public Action<ConfigDiagnostic>? Sink { get; init; }
}

/// <summary>The outcome of reading a configuration.</summary>
public sealed record ConfigLoadResult(KeepalivedConfig Config, ConfigDiagnostics Diagnostics, bool Completed,
    IReadOnlyList<IConfigSection> Sections)
{
    /// <summary>What <c>keepalived -t</c> would exit with: 0, 4, 5, 6, or 2 when parsing stopped.</summary>
    public int ExitCode => Completed ? Diagnostics.ExitCode : 2;

    /// <summary>The normalized configuration in keepalived.conf syntax (<c>-d</c>).</summary>
    public string Dump()
    {
        var w = new ConfWriter();
        foreach (var o in Config.Overrides) w.Comment($"override {o.Path} = {o.Value} ({o.Origin})");
        foreach (var s in Sections) s.Dump(w);
        return w.ToString();
    }
}

/// <summary>Reads keepalived.conf into a <see cref="KeepalivedConfig"/> the way keepalived 2.2.7 does.</summary>
public static class KeepalivedConfigLoader
{
    public static ConfigLoadResult Load(string path, ConfigLoadOptions? options = null)
    {
        options ??= new ConfigLoadOptions();
        var diagnostics = new ConfigDiagnostics { Sink = options.Sink };
        var parser = new ConfigParser(diagnostics, options.Parser);
        var config = new KeepalivedConfig();
        var context = new SectionContext(parser, config, options.Host) { Scripts = options.Scripts };
        // Validation order matters: script security (global) looks at the scripts the others read.
        IConfigSection[] sections = [new VrrpSection(context), new CheckSection(context), new GlobalSection(context)];
        var root = new KeywordTable();
        foreach (var section in sections.Reverse()) section.Install(root);
        var completed = parser.Parse(path, root);
        var ordered = sections.Reverse().ToArray();
        if (completed && (options.Overrides ?? options.OverridesAfterParse?.Invoke()) is { } overrides)
            ConfigOverrides.Apply(overrides, parser, ordered, config);
        if (completed)
            foreach (var section in sections) section.Validate();
        return new ConfigLoadResult(config, diagnostics, completed, ordered);
    }
}
