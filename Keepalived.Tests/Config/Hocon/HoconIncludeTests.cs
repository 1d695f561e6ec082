using Xunit;
using Keepalived.Actors.Config.Hocon;

namespace Keepalived.Tests.Config.Hocon;

public class HoconIncludeTests
{
    private static readonly HoconParserOptions Options = HoconTestSupport.NoEnvironment;

    [Fact]
    public void Include_is_relative_to_the_including_file()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/sub/inner.conf", "inner = from-inner");
        dir.Write("conf/child.conf", "child = 1\ninclude \"sub/inner.conf\"");
        var main = dir.Write("conf/main.conf", "include \"child.conf\"\nmain = 2");

        var config = HoconParser.ParseFile(main, Options);
        Assert.Equal(1, config.GetInt("child"));
        Assert.Equal("from-inner", config.GetString("inner"));
        Assert.Equal(2, config.GetInt("main"));
        Assert.EndsWith("inner.conf", config.GetValue("inner")!.Origin.File);
        Assert.Equal(1, config.GetValue("inner")!.Origin.Line);
    }

    [Theory]
    [InlineData("include file(\"other.conf\")")]
    [InlineData("include required(file(\"other.conf\"))")]
    [InlineData("include required(\"other.conf\")")]
    [InlineData("include required( file( \"other.conf\" ) )")]
    [InlineData("include\n  \"other.conf\"")]
    public void Include_forms(string statement)
    {
        using var dir = new TempDirectory();
        dir.Write("other.conf", "x = 7");
        var main = dir.Write("main.conf", statement);
        Assert.Equal(7, HoconParser.ParseFile(main, Options).GetInt("x"));
    }

    [Fact]
    public void Included_keys_merge_in_place()
    {
        using var dir = new TempDirectory();
        dir.Write("inc.conf", "a { y = inc }\nb = inc");
        var main = dir.Write("main.conf", "a { x = main }\nb = before\ninclude \"inc.conf\"\nc = ${b}\nb2 = after");
        var config = HoconParser.ParseFile(main, Options);
        Assert.Equal("main", config.GetString("a.x"));
        Assert.Equal("inc", config.GetString("a.y"));
        Assert.Equal("inc", config.GetString("b"));
        Assert.Equal("inc", config.GetString("c"));
    }

    [Fact]
    public void Include_inside_an_object_fixes_up_substitutions()
    {
        using var dir = new TempDirectory();
        dir.Write("foo.conf", "x : 10, y : ${x}, z : ${top}");
        var main = dir.Write("main.conf", "top = T\na : { include \"foo.conf\" }\na : { x : 42 }");
        var config = HoconParser.ParseFile(main, Options);
        Assert.Equal(42, config.GetInt("a.y"));
        Assert.Equal("T", config.GetString("a.z"));
    }

    [Fact]
    public void Missing_optional_include_is_ignored()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "include \"nope.conf\"\ninclude file(\"nope2.conf\")\na = 1");
        Assert.Equal("{\"a\":1}", HoconParser.ParseFile(main, Options).ToString());
    }

    [Fact]
    public void Missing_required_include_is_an_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\ninclude required(file(\"missing-part.conf\"))");
        var error = Assert.ThrowsAny<HoconParseException>(() => HoconParser.ParseFile(main, Options));
        Assert.Contains("missing-part.conf", error.Message);
        Assert.Equal(2, error.Line);
        Assert.EndsWith("main.conf", error.File);
    }

    [Fact]
    public void Include_cycle_is_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "a = 1\ninclude \"b.conf\"");
        dir.Write("b.conf", "b = 1\ninclude \"a.conf\"");
        var error = Assert.ThrowsAny<HoconParseException>(() => HoconParser.ParseFile(Path.Combine(dir.Path, "a.conf"), Options));
        Assert.Contains("include cycle", error.Message);
        Assert.Contains("b.conf", error.Message);
    }

    [Fact]
    public void Self_include_is_a_cycle()
    {
        using var dir = new TempDirectory();
        var self = dir.Write("self.conf", "include \"self.conf\"");
        Assert.Contains("include cycle", Assert.ThrowsAny<HoconParseException>(() => HoconParser.ParseFile(self, Options)).Message);
    }

    [Fact]
    public void Same_file_may_be_included_twice_without_a_cycle()
    {
        using var dir = new TempDirectory();
        dir.Write("common.conf", "v = 1");
        var main = dir.Write("main.conf", "a { include \"common.conf\" }\nb { include \"common.conf\" }");
        var config = HoconParser.ParseFile(main, Options);
        Assert.Equal(1, config.GetInt("a.v"));
        Assert.Equal(1, config.GetInt("b.v"));
    }

    [Fact]
    public void Included_file_with_array_root_is_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("arr.conf", "[1, 2]");
        var main = dir.Write("main.conf", "include \"arr.conf\"");
        Assert.ThrowsAny<HoconParseException>(() => HoconParser.ParseFile(main, Options));
    }

    [Fact]
    public void Error_in_included_file_names_that_file_and_line()
    {
        using var dir = new TempDirectory();
        dir.Write("bad.conf", "ok = 1\n\nbroken = }");
        var main = dir.Write("main.conf", "include \"bad.conf\"");
        var error = Assert.ThrowsAny<HoconParseException>(() => HoconParser.ParseFile(main, Options));
        Assert.EndsWith("bad.conf", error.File);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("include url(\"http://example.com/x.conf\")")]
    [InlineData("include classpath(\"x.conf\")")]
    [InlineData("include x.conf")]
    [InlineData("include = 1")]
    [InlineData("include file(\"x.conf\"")]
    [InlineData("include other(\"x.conf\")")]
    public void Unsupported_or_malformed_includes_are_errors(string text) =>
        Assert.ThrowsAny<HoconParseException>(() => HoconParser.Parse(text, Options));

    [Fact]
    public void Strings_include_relative_to_the_base_directory()
    {
        using var dir = new TempDirectory();
        dir.Write("base.conf", "b = 2");
        var config = HoconParser.Parse("include \"base.conf\"", Options with { BaseDirectory = dir.Path });
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Missing_top_level_file_is_an_error()
    {
        var error = Assert.ThrowsAny<HoconParseException>(() => HoconConfigurationFactory.FromFile("/nonexistent/keepalived.hocon"));
        Assert.Contains("not found", error.Message);
    }
}
