using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Tests.Config.Vrrp;

/// <summary>Users that all exist except those listed.</summary>
internal sealed class FakeUsers(params string[] missing) : ScriptUsers
{
    public override bool UserExists(string user) => !missing.Contains(user);
    public override bool GroupExists(string group) => !missing.Contains(group);
}

internal sealed record VrrpParse(VrrpConfig Vrrp, KeepalivedConfig Config, ConfigDiagnostics Diagnostics, bool Completed, VrrpSection Section)
{
    public int ExitCode => Completed ? Diagnostics.ExitCode : 2;

    /// <summary>Diagnostics that count (not plain log messages), as "line: message".</summary>
    public IReadOnlyList<string> Errors => Diagnostics.All.Where(d => d.Kind != ConfigErrorKind.Ok).Select(d => $"{d.Line}: {d.Message}").ToList();

    public bool Has(int line, string message) => Errors.Contains($"{line}: {message}");
}

internal static class VrrpTestSupport
{
    /// <summary>Reads <paramref name="text"/> with only the VRRP keywords installed, then validates.</summary>
    public static VrrpParse Parse(string text, FakeScriptHost? scripts = null,
        ConfigHost? host = null, ScriptUsers? users = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vrrp-test-{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        try
        {
            var diagnostics = new ConfigDiagnostics();
            var parser = new ConfigParser(diagnostics, new ConfigParserOptions { ConfigTest = true });
            var config = new KeepalivedConfig();
            var context = new SectionContext(parser, config, host ?? new FakeHost("eth0", "eth1", "eth2", "lo"));
            var section = new VrrpSection(context, users ?? new FakeUsers("keepalived_script"));
            ScriptSecurity.For(context).Host = scripts ?? new FakeScriptHost().WithScripts("/bin/true", "/usr/bin/check.sh");
            // As the loader does: global keywords too, and the global checks after VRRP's.
            var global = new GlobalSection(context);
            var root = new KeywordTable();
            global.Install(root);
            section.Install(root);
            var completed = parser.Parse(path, root);
            if (completed)
            {
                section.Validate();
                global.Validate();
            }
            return new VrrpParse(config.Vrrp, config, diagnostics, completed, section);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
