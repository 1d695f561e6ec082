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
        Assert.Equal("info", config.GetString("keepalived-net.logging.level"));
        Assert.True(config.GetBoolean("keepalived-net.logging.console"));
        Assert.Equal("", config.GetString("keepalived-net.logging.file"));
        Assert.Equal(1, config.GetInt("keepalived-net.vrrp.realtime-priority"));
        Assert.True(config.GetBoolean("keepalived-net.vrrp.spread-adverts"));
        Assert.Equal("reference.conf", config.GetValue("keepalived-net.vrrp.realtime-priority")!.Origin.File);
    }

    [Fact]
    public void User_file_beside_keepalived_conf_overrides_reference()
    {
        using var dir = new TempDirectory();
        var conf = dir.Write("keepalived.conf", "global_defs { }");
        dir.Write("keepalived.hocon", "keepalived-net.vrrp.realtime-priority = 50\nkeepalived-net.logging.console = off");
        var config = HoconLayers.Load(new HoconLayerOptions { KeepalivedConfPath = conf, Environment = NoEnvironment });
        Assert.Equal(50, config.GetInt("keepalived-net.vrrp.realtime-priority"));
        Assert.True(config.GetBoolean("keepalived-net.vrrp.spread-adverts"));
        Assert.False(config.GetBoolean("keepalived-net.logging.console"));
    }

    [Fact]
    public void Missing_implicit_user_file_is_fine_but_missing_explicit_one_is_an_error()
    {
        using var dir = new TempDirectory();
        var conf = Path.Combine(dir.Path, "keepalived.conf");
        Assert.Equal(1, HoconLayers.Load(new HoconLayerOptions { KeepalivedConfPath = conf, Environment = NoEnvironment }).GetInt("keepalived-net.vrrp.realtime-priority"));
        var error = Assert.ThrowsAny<HoconParseException>(() => HoconLayers.Load(new HoconLayerOptions { UserFile = Path.Combine(dir.Path, "custom.hocon"), Environment = NoEnvironment }));
        Assert.Contains("custom.hocon", error.Message);
    }

    [Fact]
    public void Prefixed_environment_variables_override_everything()
    {
        using var dir = new TempDirectory();
        var user = dir.Write("custom.hocon", "keepalived-net.vrrp.realtime-priority = 50\nkeepalived-net.logging.file = /tmp/k.log");
        var environment = new Dictionary<string, string>
        {
            ["KEEPALIVED_NET__vrrp__realtime_priority"] = "60",
            ["KEEPALIVED_NET__vrrp__spread_adverts"] = "off",
            ["KEEPALIVED_NET__LOGGING__LEVEL"] = "debug",
            ["KEEPALIVED_NET____bad"] = "ignored",
            ["OTHER__vrrp__realtime_priority"] = "1",
        };
        var config = HoconLayers.Load(new HoconLayerOptions { UserFile = user, Environment = environment });
        Assert.Equal(60, config.GetInt("keepalived-net.vrrp.realtime-priority"));
        Assert.False(config.GetBoolean("keepalived-net.vrrp.spread-adverts"));
        Assert.Equal("debug", config.GetString("keepalived-net.logging.level"));
        Assert.Equal("/tmp/k.log", config.GetString("keepalived-net.logging.file"));
        Assert.True(config.GetBoolean("keepalived-net.logging.console"));

        var disabled = HoconLayers.Load(new HoconLayerOptions { UserFile = user, Environment = environment, MapPrefixedEnvironment = false });
        Assert.Equal(50, disabled.GetInt("keepalived-net.vrrp.realtime-priority"));
    }

    [Fact]
    public void User_file_may_use_environment_and_reference_values()
    {
        using var dir = new TempDirectory();
        var user = dir.Write("custom.hocon", """
            keepalived-net.logging.file = ${?LOG_DIR}"/keepalived.log"
            keepalived-net.logging.level = ${?LOG_LEVEL}
            keepalived-net.user.priority-copy = ${keepalived-net.vrrp.realtime-priority}
            """);
        var environment = new Dictionary<string, string>
        {
            ["LOG_DIR"] = "/var/log",
            ["KEEPALIVED_NET__vrrp__realtime_priority"] = "70",
        };
        var config = HoconLayers.Load(new HoconLayerOptions { UserFile = user, Environment = environment });
        Assert.Equal("/var/log/keepalived.log", config.GetString("keepalived-net.logging.file"));
        Assert.Equal("info", config.GetString("keepalived-net.logging.level"));

        // Resolved after merging: the reference to the priority sees the environment override.
        Assert.Equal(70, config.GetInt("keepalived-net.user.priority-copy"));
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
