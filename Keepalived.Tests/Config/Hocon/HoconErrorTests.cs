using Xunit;
using Keepalived.Actors.Config.Hocon;
using static Keepalived.Tests.Config.Hocon.HoconTestSupport;

namespace Keepalived.Tests.Config.Hocon;

public class HoconErrorTests
{
    [Fact]
    public void Unexpected_closing_brace_names_file_line_and_column()
    {
        var error = ParseError("a = 1\nb = 2\n\n}\n", "keepalived.hocon");
        Assert.Equal("keepalived.hocon", error.File);
        Assert.Equal(4, error.Line);
        Assert.Equal(1, error.Column);
        Assert.StartsWith("(keepalived.hocon: Line 4, Column 1) unexpected '}'", error.Message);
    }

    [Fact]
    public void Strings_are_reported_as_string_origin()
    {
        var error = ParseError("a = [1, 2");
        Assert.Equal("<string>", error.File);
        Assert.Contains("never closed", error.Message);
        Assert.Contains("line 1, column 5", error.Message);
    }

    [Theory]
    [InlineData("a {", 1, "never closed")]
    [InlineData("a = 1\nb", 2, "expected ':'")]
    [InlineData("a = 1\n\nb = ", 3, "expected a value")]
    [InlineData("a = 1 ]", 1, "expected ','")]
    [InlineData("a = \"x\n", 1, "unterminated")]
    [InlineData("a = ${b", 1, "unterminated substitution")]
    [InlineData("a = ${}", 1, "empty substitution")]
    [InlineData("${a} = 1", 1, "substitutions are not allowed in keys")]
    [InlineData("a = 1\n  = 2", 2, "expected a key")]
    [InlineData("a = b = c", 1, "expected ','")]
    [InlineData("a = [1 2\n", 2, "never closed")]
    public void Syntax_errors_carry_the_line(string text, int line, string fragment)
    {
        var error = ParseError(text);
        Assert.Equal(line, error.Line);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Column_counts_from_one()
    {
        var error = ParseError("a = 1\n   x @");
        Assert.Equal(2, error.Line);
        Assert.Equal(6, error.Column);
    }

    [Fact]
    public void Lines_after_triple_quoted_strings_are_counted()
    {
        var error = ParseError("a = \"\"\"1\n2\n3\"\"\"\nb = }");
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var braces = "a = " + string.Concat(Enumerable.Repeat("{ b = ", 100_000));
        Assert.Contains("too deep", ParseError(braces).Message);
        var brackets = "a = " + new string('[', 100_000);
        Assert.Contains("too deep", ParseError(brackets).Message);

        var keyed = string.Concat(Enumerable.Repeat("a {", 100_000));
        Assert.Contains("too deep", ParseError(keyed).Message);
        var dotted = string.Join('.', Enumerable.Repeat("k", 100_000)) + " = 1";
        Assert.Contains("too deep", ParseError(dotted).Message);
    }

    [Fact]
    public void Nesting_within_the_limit_is_fine()
    {
        var text = "a = " + new string('[', 400) + new string(']', 400);
        Assert.NotNull(Parse(text).GetValue("a"));
        var limited = HoconParser.Parse("a = [[[1]]]", NoEnvironment);
        Assert.NotNull(limited);
        Assert.ThrowsAny<HoconParseException>(() => HoconParser.Parse("a = [[[1]]]", NoEnvironment with { MaxDepth = 3 }));
    }

    [Fact]
    public void Huge_tokens_in_messages_are_shortened()
    {
        var big = new string('x', 1_000_000);
        var error = ParseError($"{big} ]");
        Assert.True(error.Message.Length < 500, error.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1_000_000, Parse($"a = {big}").GetString("a")!.Length);
    }

    [Fact]
    public void Invalid_paths_in_getters_are_hocon_errors()
    {
        var config = Parse("a = 1");
        Assert.ThrowsAny<HoconException>(() => config.GetString("a..b"));
        Assert.ThrowsAny<HoconException>(() => config.GetString("a.${b}"));
        Assert.ThrowsAny<HoconException>(() => config.GetString(""));
    }

    [Fact]
    public void Wrong_types_are_errors_with_origin()
    {
        var config = Parse("obj { x = 1 }\nlist = [1, {a = 1}]\ns = text");
        Assert.Contains("object", Assert.Throws<HoconException>(() => config.GetString("obj")).Message);
        Assert.Throws<HoconException>(() => config.GetStringList("list"));
        Assert.Throws<HoconException>(() => config.GetStringList("s"));
        var error = Assert.Throws<HoconException>(() => config.GetConfig("s"));
        Assert.Contains("Line 3", error.Message);
    }
}
