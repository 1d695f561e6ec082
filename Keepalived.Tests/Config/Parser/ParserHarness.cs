using Keepalived.Actors.Config.Parser;

namespace Keepalived.Tests.Config.Parser;

/// <summary>
/// Runs the parser core over files in a temporary directory with a tiny keyword table that
/// records what it sees: <c>kw ARGS</c> lines, and a <c>block NAME { kw ... }</c>.
/// </summary>
public sealed class ParserHarness : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("kaparse").FullName;

    public List<string> Seen { get; } = [];

    public ConfigDiagnostics Diagnostics { get; private set; } = new();

    public string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public bool Parse(string text, string? configId = "lb1", string name = "keepalived.conf") =>
        ParseFile(Write(name, text), configId);

    public bool ParseFile(string path, string? configId = "lb1")
    {
        Diagnostics = new ConfigDiagnostics();
        var parser = new ConfigParser(Diagnostics, new ConfigParserOptions { ConfigId = configId, ConfigTest = true, WorkingDirectory = Dir, RandomSeed = 1 });
        var root = new KeywordTable()
            .Add("kw", t => Seen.Add("kw " + string.Join('|', t.From(1))))
            .Add("need2", t => Seen.Add($"need2 {t[1]} {t[2]}"))
            .Add("values", t => Seen.Add("values " + string.Join('|', parser.ReadValueBlockWords(t))))
            .Block("block", t => Seen.Add("block " + string.Join('|', t.From(1))),
                sub => sub.Add("kw", t => Seen.Add("  kw " + string.Join('|', t.From(1))))
                          .Block("inner", _ => Seen.Add("  inner"), inner => inner.Add("kw", t => Seen.Add("    kw " + string.Join('|', t.From(1)))), () => Seen.Add("  inner end")),
                () => Seen.Add("block end"))
            .Block("hidden", _ => Seen.Add("hidden!"), sub => sub.Add("kw", _ => Seen.Add("hidden kw!")), active: false);
        return parser.Parse(path, root);
    }

    public IEnumerable<int> LinesOf(ConfigErrorKind kind) => Diagnostics.All.Where(d => d.Kind == kind).Select(d => d.Line);

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
