using Keepalived.Actors.Config;
using Keepalived.Actors.Config.Hocon;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Tests.Config.Overrides;

public sealed class ConfigOverridesTests
{
    /// <summary>A section with global_defs { router_id } and named vrrp_instance blocks.</summary>
    private sealed class FakeSection(ConfigParser parser) : IConfigSection
    {
        public string RouterId = "lb1";
        public Dictionary<string, Dictionary<string, string>> Instances = new() { ["VI_1"] = [], ["VI_2"] = [] };
        private Dictionary<string, string>? _current;

        public void Install(KeywordTable root) => root
            .Block("global_defs", null, g => g.Add("router_id", t => RouterId = t[1]))
            .Block("vrrp_instance", t => _current = Instances[t[1]], Instance);

        private void Instance(KeywordTable k) => k
            .Add("priority", t => _current!["priority"] = t[1])
            .Add("nopreempt", _ => _current!["nopreempt"] = "yes")
            .Add("virtual_ipaddress", t => _current!["vips"] = string.Join(",", parser.ReadValueBlockWords(t)))
            .Block("authentication", null, a => a.Add("auth_pass", t => _current!["pass"] = t[1]));

        public void Validate() { }

        public KeywordTable? Reopen(string blockKeyword, string? name)
        {
            var root = new KeywordTable();
            Install(root);
            if (!root.TryGet(blockKeyword, out var k)) return null;
            if (blockKeyword == "global_defs") return name is null ? k.Sub : null;
            if (name is null || !Instances.TryGetValue(name, out _current)) return null;
            return k.Sub;
        }

        public void Dump(ConfWriter writer) { }
    }

    private static (FakeSection Section, KeepalivedConfig Config, ConfigDiagnostics Diagnostics) Apply(string hocon)
    {
        var diagnostics = new ConfigDiagnostics();
        var parser = new ConfigParser(diagnostics, new ConfigParserOptions());
        var section = new FakeSection(parser);
        var config = new KeepalivedConfig();
        var layers = HoconParser.Parse(hocon, new HoconParserOptions { FileName = "keepalived.hocon" });
        ConfigOverrides.Apply(layers, parser, [section], config);
        return (section, config, diagnostics);
    }

    [Fact]
    public void Values_are_applied_through_the_keyword_handlers_of_the_named_block()
    {
        var (s, config, d) = Apply("""
            keepalived.global_defs.router_id = lb2
            keepalived.vrrp_instance.VI_1 {
              priority = 120
              nopreempt = true
              virtual_ipaddress = ["10.0.0.1/24 dev eth0", "10.0.0.2/24"]
              authentication { auth_pass = s3cret }
            }
            """);
        Assert.Empty(d.All);
        Assert.Equal("lb2", s.RouterId);
        Assert.Equal("120", s.Instances["VI_1"]["priority"]);
        Assert.Equal("yes", s.Instances["VI_1"]["nopreempt"]);
        Assert.Equal("10.0.0.1/24,dev,eth0,10.0.0.2/24", s.Instances["VI_1"]["vips"]);
        Assert.Equal("s3cret", s.Instances["VI_1"]["pass"]);
        Assert.Empty(s.Instances["VI_2"]);
        Assert.Equal(["keepalived.global_defs.router_id", "keepalived.vrrp_instance.VI_1.priority",
            "keepalived.vrrp_instance.VI_1.nopreempt", "keepalived.vrrp_instance.VI_1.virtual_ipaddress",
            "keepalived.vrrp_instance.VI_1.authentication"], config.Overrides.Select(o => o.Path));
        Assert.Equal("120", config.Overrides[1].Value);
        Assert.StartsWith("keepalived.hocon: Line 3", config.Overrides[1].Origin);
    }

    [Fact]
    public void Paths_that_match_nothing_are_reported_like_unknown_keywords_with_the_hocon_line()
    {
        var (_, config, d) = Apply("""
            keepalived {
              vrrp_instance.VI_9.priority = 1
              vrrp_instance.VI_1.priorty = 2
              no_such_block.x = 3
            }
            """);
        Assert.Equal([2, 3, 4], d.All.Select(x => x.Line));
        Assert.All(d.All, x => Assert.Equal(ConfigErrorKind.UnknownKeyword, x.Kind));
        Assert.All(d.All, x => Assert.Equal("keepalived.hocon", x.File));
        Assert.Contains("there is no vrrp_instance VI_9", d.All[0].Message);
        Assert.Equal("Unknown keyword 'priorty'", d.All[1].Message);
        Assert.Equal(5, d.ExitCode);
    }

    [Fact]
    public void Runtime_settings_are_not_keepalived_overrides()
    {
        var (s, config, d) = Apply("keepalived-net.vrrp.realtime-priority = 5\n");
        Assert.Empty(d.All);
        Assert.Empty(config.Overrides);
        Assert.Equal("lb1", s.RouterId);
    }
}
