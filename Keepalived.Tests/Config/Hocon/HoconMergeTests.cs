using Xunit;
using static Keepalived.Tests.Config.Hocon.HoconTestSupport;

namespace Keepalived.Tests.Config.Hocon;

public class HoconMergeTests
{
    [Fact]
    public void Duplicate_object_keys_are_merged()
    {
        Assert.Equal(Json("foo : { a : 42, b : 43 }"), Json("foo : { a : 42 }\nfoo : { b : 43 }"));
    }

    [Fact]
    public void Later_non_object_replaces_and_null_prevents_merging()
    {
        Assert.Equal("{\"foo\":{\"b\":43}}", Json("foo : { a : 42 }, foo : null, foo : { b : 43 }"));
        Assert.Equal("{\"foo\":5}", Json("foo : { a : 42 }, foo : 5"));
        Assert.Equal("{\"foo\":{\"a\":1}}", Json("foo : 5, foo : { a : 1 }"));
        Assert.Equal("{\"foo\":[2]}", Json("foo : [1], foo : [2]"));
    }

    [Fact]
    public void Merging_is_recursive_and_keeps_first_definition_order()
    {
        var config = Parse("a { x { p = 1, q = 2 }, y = 1 }\na.x.q = 20\na { z = 3 }\na.x { r = 4 }");
        Assert.Equal("{\"a\":{\"x\":{\"p\":1,\"q\":20,\"r\":4},\"y\":1,\"z\":3}}", config.ToString());
    }

    [Fact]
    public void Many_dotted_keys_under_one_prefix_merge_quickly()
    {
        var text = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"a.k{i} = {i}"));
        var config = Parse(text);
        Assert.Equal(20_000, config.GetConfig("a").Root.Count);
        Assert.Equal(19_999, config.GetInt("a.k19999"));
    }

    [Fact]
    public void WithFallback_gives_priority_to_the_receiver()
    {
        var high = Parse("a = 1\nobj { x = high }");
        var low = Parse("a = 2\nb = 3\nobj { x = low, y = low }");
        var merged = high.WithFallback(low);
        Assert.Equal(1, merged.GetInt("a"));
        Assert.Equal(3, merged.GetInt("b"));
        Assert.Equal("high", merged.GetString("obj.x"));
        Assert.Equal("low", merged.GetString("obj.y"));

        var reversed = low.WithFallback(high);
        Assert.Equal(2, reversed.GetInt("a"));
        Assert.Equal("low", reversed.GetString("obj.x"));
    }

    [Fact]
    public void WithFallback_merges_only_adjacent_objects()
    {
        // Spec "Config object merging": a non-object in the middle hides the lower object.
        var first = Parse("a { x = 1 }");
        var middle = Parse("a = 42");
        var last = Parse("a { y = 2 }");
        Assert.Equal("{\"a\":{\"x\":1}}", first.WithFallback(middle).WithFallback(last).ToString());
        Assert.Equal("{\"a\":{\"y\":2,\"x\":1}}", first.WithFallback(last).WithFallback(middle).ToString());
    }

    [Fact]
    public void WithFallback_with_empty_or_null_returns_the_other()
    {
        var config = Parse("a = 1");
        Assert.Same(config, config.WithFallback(null));
        Assert.Same(config, config.WithFallback(Actors.Config.Hocon.HoconConfig.Empty));
        Assert.Same(config, Actors.Config.Hocon.HoconConfig.Empty.WithFallback(config));
    }

    [Fact]
    public void Configs_are_immutable_under_merging()
    {
        var low = Parse("a { x = 1 }");
        var high = Parse("a { y = 2 }");
        _ = high.WithFallback(low).Root;
        Assert.Equal("{\"a\":{\"x\":1}}", low.ToString());
        Assert.Equal("{\"a\":{\"y\":2}}", high.ToString());
    }
}
