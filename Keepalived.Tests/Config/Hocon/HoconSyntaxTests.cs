using Xunit;
using Keepalived.Actors.Config.Hocon;
using static Keepalived.Tests.Config.Hocon.HoconTestSupport;

namespace Keepalived.Tests.Config.Hocon;

public class HoconSyntaxTests
{
    [Fact]
    public void Root_braces_are_optional()
    {
        Assert.Equal("{\"a\":1,\"b\":\"x\"}", Json("a = 1\nb = x"));
        Assert.Equal("{\"a\":1,\"b\":\"x\"}", Json("{ a = 1\nb = x }"));
    }

    [Fact]
    public void Empty_document_is_an_empty_object()
    {
        Assert.Equal("{}", Json(""));
        Assert.Equal("{}", Json("  \n # only a comment\n"));
        Assert.True(Parse("").IsEmpty);
    }

    [Theory]
    [InlineData("a = 1")]
    [InlineData("a : 1")]
    [InlineData("a=1")]
    [InlineData("\"a\" : 1")]
    public void Equals_and_colon_separate_keys_from_values(string text) => Assert.Equal(1, Parse(text).GetInt("a"));

    [Fact]
    public void Separator_may_be_omitted_before_an_object()
    {
        var config = Parse("a { b { c = 1 } }");
        Assert.Equal(1, config.GetInt("a.b.c"));
    }

    [Fact]
    public void Dotted_keys_expand_to_nested_objects()
    {
        Assert.Equal(Json("a { b { c = 1 } }"), Json("a.b.c = 1"));
        Assert.Equal("{\"a\":{\"x\":42,\"y\":43}}", Json("a.x : 42, a.y : 43"));
    }

    [Fact]
    public void Quoted_keys_are_single_keys()
    {
        var config = Parse("\"a.b\" = 1\nc.\"d.e\".f = 2");
        Assert.Equal(1, config.Root.GetKey("a.b")!.GetInt());
        Assert.Equal(2, config.GetInt("c.\"d.e\".f"));
        Assert.False(config.HasPath("a.b"));
    }

    [Fact]
    public void Number_keys_split_on_dots_and_true_becomes_a_string_key()
    {
        Assert.Equal("{\"3\":{\"14\":42}}", Json("3.14 : 42"));
        Assert.Equal("{\"true\":42}", Json("true : 42"));
    }

    [Fact]
    public void Keys_keep_inner_whitespace()
    {
        Assert.Equal("{\"a b c\":42}", Json("a b c : 42"));
    }

    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    public void Empty_path_elements_are_errors(string text) => ParseError(text);

    [Fact]
    public void Quoted_empty_key_is_allowed()
    {
        Assert.Equal("{\"a\":{\"\":{\"b\":1}}}", Json("a.\"\".b = 1"));
    }

    [Fact]
    public void Commas_and_newlines_separate_fields_and_elements()
    {
        Assert.Equal("{\"a\":[1,2,3],\"b\":1,\"c\":2}", Json("a = [1\n2\n3]\nb = 1, c = 2,"));
        Assert.Equal("[1,2,3]", Parse("a = [1,2,3,]").GetValue("a")!.ToString());
        Assert.Equal("{\"a\":1}", Json("{ a = 1, }"));
    }

    [Theory]
    [InlineData("a = [1,2,3,,]")]
    [InlineData("a = [,1,2,3]")]
    [InlineData("a = [1,,2,3]")]
    [InlineData("a = 1,, b = 2")]
    [InlineData(", a = 1")]
    public void Invalid_comma_placement_is_an_error(string text) => ParseError(text);

    [Fact]
    public void Whitespace_is_not_an_element_separator()
    {
        Assert.Equal("[\"1 2 3 4\"]", Parse("a = [ 1 2 3 4 ]").GetValue("a")!.ToString());
        Assert.Equal("[[1,2,3,4]]", Parse("a = [ [ 1, 2 ] [ 3, 4 ] ]").GetValue("a")!.ToString());
        Assert.Equal("[[1,2],[3,4]]", Parse("a = [ [ 1, 2 ]\n [ 3, 4 ] ]").GetValue("a")!.ToString());
    }

    [Fact]
    public void Comments_are_ignored_outside_quotes()
    {
        var config = Parse("# hash\n// slashes\na = 1 # trailing\nb = x// trailing\nc = \"# not a comment // either\"");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("x", config.GetString("b"));
        Assert.Equal("# not a comment // either", config.GetString("c"));
    }

    [Fact]
    public void Quoted_strings_support_json_escapes()
    {
        var config = Parse("a = \"q\\\" b\\\\ n\\n t\\t s\\/ u\\u00e9\\u0041 bfr\\b\\f\\r\"");
        Assert.Equal("q\" b\\ n\n t\t s/ u\u00e9A bfr\b\f\r", config.GetString("a"));
    }

    [Theory]
    [InlineData("a = \"bad \\x escape\"")]
    [InlineData("a = \"bad \\u12G4\"")]
    [InlineData("a = \"short \\u12\"")]
    [InlineData("a = \"unterminated")]
    [InlineData("a = \"new\nline\"")]
    [InlineData("a = \"tab\u0001char\"")]
    public void Invalid_quoted_strings_are_errors(string text) => ParseError(text);

    [Fact]
    public void Triple_quoted_strings_are_verbatim_and_span_lines()
    {
        var config = Parse("a = \"\"\"line1\n  \"quoted\" \\n no escape\n\"\"\"\nb = 2");
        Assert.Equal("line1\n  \"quoted\" \\n no escape\n", config.GetString("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(4, config.GetValue("b")!.Origin.Line);
    }

    [Fact]
    public void Extra_closing_quotes_belong_to_a_triple_quoted_string()
    {
        Assert.Equal("foo\"", Parse("a = \"\"\"foo\"\"\"\"").GetString("a"));
        Assert.Equal("", Parse("a = \"\"\"\"\"\"").GetString("a"));
    }

    [Fact]
    public void Unterminated_triple_quoted_string_is_an_error()
    {
        var error = ParseError("a = \"\"\"never closed\n\n");
        Assert.Contains("triple", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Unquoted_strings_stop_at_forbidden_characters_and_comments()
    {
        var config = Parse("a = foo.bar-baz_1/2\nb = http//comment");
        Assert.Equal("foo.bar-baz_1/2", config.GetString("a"));
        Assert.Equal("http", config.GetString("b"));
    }

    [Theory]
    [InlineData("a = b@c")]
    [InlineData("a = b*c")]
    [InlineData("a = b!c")]
    [InlineData("a = b^c")]
    [InlineData("a = b`c")]
    [InlineData("a = b?c")]
    [InlineData("a = b&c")]
    [InlineData("a = c:\\path")]
    [InlineData("a = 1 + 2")]
    [InlineData("a = cost$")]
    public void Reserved_characters_outside_quotes_are_errors(string text) => ParseError(text);

    [Fact]
    public void Single_values_keep_their_type()
    {
        var root = Parse("a = true\nb = 10\nc = 1.5e3\nd = null\ne = \"true\"\nf = off\ng = -3").Root;
        Assert.Equal(HoconType.Boolean, root["a"].Type);
        Assert.Equal(HoconType.Number, root["b"].Type);
        Assert.Equal(HoconType.Number, root["c"].Type);
        Assert.Equal("1.5e3", root["c"].GetString());
        Assert.Equal(HoconType.Null, root["d"].Type);
        Assert.Equal(HoconType.String, root["e"].Type);
        Assert.Equal(HoconType.String, root["f"].Type);
        Assert.Equal(-3, root["g"].GetInt());
    }

    [Fact]
    public void Concatenated_simple_values_become_a_string_keeping_inner_whitespace()
    {
        var config = Parse("a =   foo   bar  \"baz qux\"  \nb = true foo\nc = 10.0bar\nd = 1 2");
        Assert.Equal("foo   bar  baz qux", config.GetString("a"));
        Assert.Equal(HoconType.String, config.GetValue("b")!.Type);
        Assert.Equal("true foo", config.GetString("b"));
        Assert.Equal("10.0bar", config.GetString("c"));
        Assert.Equal("1 2", config.GetString("d"));
    }

    [Fact]
    public void Arrays_concatenate_and_objects_merge()
    {
        Assert.Equal("[1,2,3,4]", Parse("a = [ 1, 2 ] [ 3, 4 ]").GetValue("a")!.ToString());
        Assert.Equal("{\"b\":1,\"c\":2}", Parse("a : { b : 1 } { c : 2 }").GetValue("a")!.ToString());
        Assert.Equal("{\"b\":2}", Parse("a : { b : 1 } { b : 2 }").GetValue("a")!.ToString());
    }

    [Theory]
    [InlineData("a = [1] {b = 2}")]
    [InlineData("a = [1] foo")]
    [InlineData("a = {b = 1} foo")]
    public void Mixed_concatenation_is_an_error(string text) => ParseError(text);

    [Fact]
    public void Include_is_an_ordinary_word_outside_key_position()
    {
        var config = Parse("a = include\nb = [ include ]\n\"include\" = 42\nc { foo include : 1 }");
        Assert.Equal("include", config.GetString("a"));
        Assert.Equal(["include"], config.GetStringList("b"));
        Assert.Equal(42, config.Root.GetKey("include")!.GetInt());
        Assert.Equal(1, config.GetConfig("c").Root.GetKey("foo include")!.GetInt());
    }

    [Fact]
    public void Whitespace_includes_unicode_separators_and_bom()
    {
        var config = Parse("\uFEFFa\u00A0=\u20031\u2028\nb = 2");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Null_value_blocks_fallback_and_reads_as_default()
    {
        var config = Parse("a = null");
        Assert.False(config.HasPath("a"));
        Assert.Equal("dflt", config.GetString("a", "dflt"));
        Assert.True(config.GetValue("a")!.IsNull());
    }

    [Fact]
    public void Root_array_is_rejected()
    {
        Assert.Contains("array", ParseError("[1, 2]").Message);
    }

    [Fact]
    public void Text_after_a_braced_root_is_an_error() => ParseError("{ a = 1 }\nb = 2");
}
