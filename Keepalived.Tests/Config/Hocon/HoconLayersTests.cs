using Xunit;
using Keepalived.Actors.Config.Hocon;

namespace Keepalived.Tests.Config.Hocon;

public class HoconLayersTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Reference_conf_is_embedded_with_defaults()
    {
        var config = HoconLayers.Load(new HoconLayerOptions { Environment = NoEnvironment });
        Assert.Equal("127.0.0.1", config.GetString("keepalived-net.management.address"));
        Assert.Equal(9466, config.GetInt("keepalived-net.management.port"));
        Assert.Equal("info", config.GetString("keepalived-net.logging.level"));
        Assert.True(config.GetBoolean("keepalived-net.logging.console"));
        Assert.Equal("", config.GetString("keepalived-net.logging.file"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), config.GetTimeSpan("keepalived-net.supervision.backoff.min"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("keepalived-net.supervision.backoff.max"));
        Assert.Equal(0.2, config.GetDouble("keepalived-net.supervision.backoff.random-factor"));
        Assert.True(config.HasPath("keepalived-net.features"));
        Assert.Equal("reference.conf", config.GetValue("keepalived-net.management.port")!.Origin.File);
    }

    [Fact]
    public void User_file_beside_keepalived_conf_overrides_reference()
    {
        using var dir = new TempDirectory();
        var conf = dir.Write("keepalived.conf", "global_defs { }");
        dir.Write("keepalived.hocon", "keepalived-net.management.port = 9000\nkeepalived-net.features.fast = on");
        var config = HoconLayers.Load(new HoconLayerOptions { KeepalivedConfPath = conf, Environment = NoEnvironment });
        Assert.Equal(9000, config.GetInt("keepalived-net.management.port"));
        Assert.Equal("127.0.0.1", config.GetString("keepalived-net.management.address"));
        Assert.True(config.GetBoolean("keepalived-net.features.fast"));
    }

    [Fact]
    public void Missing_implicit_user_file_is_fine_but_missing_explicit_one_is_an_error()
    {
        using var dir = new TempDirectory();
        var conf = Path.Combine(dir.Path, "keepalived.conf");
        Assert.Equal(9466, HoconLayers.Load(new HoconLayerOptions { KeepalivedConfPath = conf, Environment = NoEnvironment }).GetInt("keepalived-net.management.port"));
        var error = Assert.ThrowsAny<HoconParseException>(() => HoconLayers.Load(new HoconLayerOptions { UserFile = Path.Combine(dir.Path, "custom.hocon"), Environment = NoEnvironment }));
        Assert.Contains("custom.hocon", error.Message);
    }

    [Fact]
    public void Prefixed_environment_variables_override_everything()
    {
        using var dir = new TempDirectory();
        var user = dir.Write("custom.hocon", "keepalived-net.management.port = 9000\nkeepalived-net.supervision.backoff.max = 20s");
        var environment = new Dictionary<string, string>
        {
            ["KEEPALIVED_NET__management__port"] = "9100",
            ["KEEPALIVED_NET__supervision__backoff__random_factor"] = "0.5",
            ["KEEPALIVED_NET__LOGGING__LEVEL"] = "debug",
            ["KEEPALIVED_NET____bad"] = "ignored",
            ["OTHER__management__port"] = "1",
        };
        var config = HoconLayers.Load(new HoconLayerOptions { UserFile = user, Environment = environment });
        Assert.Equal(9100, config.GetInt("keepalived-net.management.port"));
        Assert.Equal(0.5, config.GetDouble("keepalived-net.supervision.backoff.random-factor"));
        Assert.Equal("debug", config.GetString("keepalived-net.logging.level"));
        Assert.Equal(TimeSpan.FromSeconds(20), config.GetTimeSpan("keepalived-net.supervision.backoff.max"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), config.GetTimeSpan("keepalived-net.supervision.backoff.min"));

        var disabled = HoconLayers.Load(new HoconLayerOptions { UserFile = user, Environment = environment, MapPrefixedEnvironment = false });
        Assert.Equal(9000, disabled.GetInt("keepalived-net.management.port"));
    }

    [Fact]
    public void User_file_may_use_environment_and_reference_values()
    {
        using var dir = new TempDirectory();
        var user = dir.Write("custom.hocon", """
            keepalived-net.logging.file = ${?LOG_DIR}"/keepalived.log"
            keepalived-net.management.address = ${?MGMT_ADDRESS}
            keepalived-net.features.port-copy = ${keepalived-net.management.port}
            """);
        var environment = new Dictionary<string, string>
        {
            ["LOG_DIR"] = "/var/log",
            ["KEEPALIVED_NET__management__port"] = "9200",
        };
        var config = HoconLayers.Load(new HoconLayerOptions { UserFile = user, Environment = environment });
        Assert.Equal("/var/log/keepalived.log", config.GetString("keepalived-net.logging.file"));
        Assert.Equal("127.0.0.1", config.GetString("keepalived-net.management.address"));

        // Resolved after merging: the reference to the port sees the environment override.
        Assert.Equal(9200, config.GetInt("keepalived-net.features.port-copy"));
    }

    [Fact]
    public void Reference_layer_can_refer_to_values_set_by_higher_layers()
    {
        var reference = HoconParser.Parse("app { host = localhost, url = \"http://\"${app.host} }", new HoconParserOptions { Resolve = false });
        var overrides = HoconLayers.FromEnvironment(new Dictionary<string, string> { ["APP__host"] = "example" }, "APP__");
        var config = HoconParser.Parse("app.host = ${keepalived-net.host}", new HoconParserOptions { Resolve = false })
            .WithFallback(overrides).WithFallback(reference);
        Assert.Equal("http://example", config.GetString("app.url"));
    }

    [Fact]
    public void Environment_values_carry_their_variable_name_as_origin()
    {
        var config = HoconLayers.FromEnvironment(new Dictionary<string, string> { ["KEEPALIVED_NET__a__b"] = "1" });
        Assert.Equal("<environment variable KEEPALIVED_NET__a__b>", config.GetValue("keepalived-net.a.b")!.Origin.File);
    }

    [Fact]
    public void Reference_only_means_no_user_file_and_no_prefixed_variable()
    {
        using var dir = new TempDirectory();
        var conf = Path.Combine(dir.Path, "keepalived.conf");
        Assert.True(HoconLayers.IsReferenceOnly(new HoconLayerOptions { KeepalivedConfPath = conf, Environment = NoEnvironment }));
        Assert.True(HoconLayers.IsReferenceOnly(new HoconLayerOptions
        {
            KeepalivedConfPath = conf,
            Environment = new Dictionary<string, string> { ["KEEPALIVED_NET__a"] = "1" },
            MapPrefixedEnvironment = false,
        }));
        Assert.False(HoconLayers.IsReferenceOnly(new HoconLayerOptions
        {
            KeepalivedConfPath = conf,
            Environment = new Dictionary<string, string> { ["OTHER"] = "x", ["KEEPALIVED_NET__a"] = "1" },
        }));
        // An explicit user file counts even when it is missing (loading it is an error to report).
        Assert.False(HoconLayers.IsReferenceOnly(new HoconLayerOptions { UserFile = Path.Combine(dir.Path, "custom.hocon"), Environment = NoEnvironment }));
        dir.Write("keepalived.hocon", "keepalived.global_defs.router_id = x");
        Assert.False(HoconLayers.IsReferenceOnly(new HoconLayerOptions { KeepalivedConfPath = conf, Environment = NoEnvironment }));
    }
}
