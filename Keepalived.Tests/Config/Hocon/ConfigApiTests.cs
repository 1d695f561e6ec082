using Xunit;
using Keepalived.Actors.Config.Hocon;
using static Keepalived.Tests.Config.Hocon.HoconTestSupport;

namespace Keepalived.Tests.Config.Hocon;


public class ConfigApiTests
{
    private const string Sample = """
        service {
          name = "keepalived"
          port = 9466
          ratio = 0.75
          enabled = yes
          timeout = 2s
          buffer = 64k
          tags = [a, b, "c d"]
          nested { deep { value = 1 } }
        }
        """;

    [Fact]
    public void Getters_read_typed_values()
    {
        var config = Parse(Sample);
        Assert.Equal("keepalived", config.GetString("service.name"));
        Assert.Equal(9466, config.GetInt("service.port"));
        Assert.Equal(9466L, config.GetLong("service.port"));
        Assert.Equal("9466", config.GetString("service.port"));
        Assert.Equal(0.75, config.GetDouble("service.ratio"));
        Assert.True(config.GetBoolean("service.enabled"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("service.timeout"));
        Assert.Equal(65_536, config.GetByteSize("service.buffer"));
        Assert.Equal(["a", "b", "c d"], config.GetStringList("service.tags"));
    }

    [Fact]
    public void Getters_return_defaults_for_missing_paths()
    {
        var config = Parse(Sample);
        Assert.Null(config.GetString("service.missing"));
        Assert.Equal("d", config.GetString("service.missing", "d"));
        Assert.Equal(3, config.GetInt("nope.nope", 3));
        Assert.Equal(4L, config.GetLong("nope", 4));
        Assert.Equal(0.5, config.GetDouble("nope", 0.5));
        Assert.True(config.GetBoolean("nope", true));
        Assert.Empty(config.GetStringList("nope"));
        Assert.Equal(["x"], config.GetStringList("nope", ["x"]));
        Assert.Null(config.GetString("service.name.below"));
    }

    [Fact]
    public void HasPath_and_GetConfig()
    {
        var config = Parse(Sample);
        Assert.True(config.HasPath("service.nested.deep.value"));
        Assert.True(config.HasPath("service.nested"));
        Assert.False(config.HasPath("service.nested.other"));
        var sub = config.GetConfig("service.nested");
        Assert.Equal(1, sub.GetInt("deep.value"));
        Assert.True(config.GetConfig("absent").IsEmpty);
        Assert.Same(HoconConfig.Empty, config.GetConfig("absent"));
    }

    [Fact]
    public void Sub_config_can_take_a_fallback()
    {
        var sub = Parse(Sample).GetConfig("service").WithFallback(Parse("port = 1\nextra = 2"));
        Assert.Equal(9466, sub.GetInt("port"));
        Assert.Equal(2, sub.GetInt("extra"));
    }

    [Fact]
    public void Root_enumerates_keys_values_and_origins_in_order()
    {
        var config = HoconParser.Parse("b = 1\na {\n  x = \"s\"\n}\nc = [1]", NoEnvironment with { FileName = "k.hocon" });
        Assert.Equal(["b", "a", "c"], config.Root.Keys);
        Assert.Equal(["b", "a", "c"], config.AsEnumerable().Select(kv => kv.Key));
        var x = config.Root["a"].GetObject()["x"];
        Assert.Equal(new HoconOrigin("k.hocon", 3, 7), x.Origin);
        Assert.Equal("k.hocon: Line 3, Column 7", x.Origin.ToString());
        Assert.Equal(HoconType.Array, config.Root["c"].Type);
        Assert.Equal(1, config.Root["c"].GetArray()[0].GetInt());
        Assert.True(config.Root["a"].IsObject());
        Assert.True(config.Root["b"].IsString());
    }

    [Fact]
    public void ToString_renders_json()
    {
        Assert.Equal("{\"a\":\"x\\\"y\\n\",\"b\":[1,true,null],\"c\":{}}", Json("a = \"x\\\"y\\n\"\nb = [1, true, null]\nc {}"));
    }

    [Fact]
    public void Paths_parse_and_render()
    {
        var path = HoconPath.Parse("a.\"b.c\".d");
        Assert.Equal(["a", "b.c", "d"], path);
        Assert.Equal("a.\"b.c\".d", path.ToString());
        Assert.Equal(path, HoconPath.Parse(path.ToString()));
        Assert.Equal(HoconPath.Parse("a.b"), new HoconPath(["a", "b"]));
    }

    [Fact]
    public void Configuration_factory_entry_points()
    {
        Assert.Equal(1, HoconConfigurationFactory.ParseString("a = 1").GetInt("a"));
        Assert.True(HoconConfigurationFactory.Empty.IsEmpty);
        using var dir = new TempDirectory();
        var file = dir.Write("x.conf", "y = 2");
        Assert.Equal(2, HoconConfigurationFactory.FromFile(file).GetInt("y"));
        Assert.Throws<HoconException>(() => HoconConfigurationFactory.FromResource(typeof(HoconConfig).Assembly, "no.such.resource"));
    }

    [Fact]
    public void Resolution_is_thread_safe_and_happens_once()
    {
        var config = Unresolved("a = ${b}\nb = 1");
        var roots = new HoconObject[8];
        Parallel.For(0, roots.Length, i => roots[i] = config.Root);
        Assert.All(roots, r => Assert.Same(roots[0], r));
    }
}
