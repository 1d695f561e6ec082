using Xunit;
using Keepalived.Actors.Config.Hocon;
using static Keepalived.Tests.Config.Hocon.HoconTestSupport;

namespace Keepalived.Tests.Config.Hocon;

public class HoconSubstitutionTests
{
    [Fact]
    public void Substitution_looks_forward_and_keeps_the_type()
    {
        var config = Parse("a = ${b}\nb = 42\nc = ${obj}\nobj { x = 1 }\nd = ${list}\nlist = [1, 2]");
        Assert.Equal(HoconType.Number, config.GetValue("a")!.Type);
        Assert.Equal(42, config.GetInt("a"));
        Assert.Equal(1, config.GetInt("c.x"));
        Assert.Equal("[1,2]", config.GetValue("d")!.ToString());
    }

    [Fact]
    public void Substitution_uses_the_latest_merged_value()
    {
        var config = Parse("a = ${obj}\nobj { x = 1 }\nobj { y = 2 }\nb = ${n}\nn = 1\nn = 2");
        Assert.Equal("{\"x\":1,\"y\":2}", config.GetValue("a")!.ToString());
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Substitutions_in_concatenations_become_strings()
    {
        var config = Parse("name = world\nnum = 3\ngreeting = hello ${name}\", you are number \"${num}\nquoted = ${name}\" is round\"");
        Assert.Equal("hello world, you are number 3", config.GetString("greeting"));
        Assert.Equal("world is round", config.GetString("quoted"));
    }

    [Fact]
    public void Object_inheritance_by_concatenation()
    {
        var config = Parse("generic = { cluster-size = 6 }\neast = ${generic} { name = \"east\" }");
        Assert.Equal("{\"cluster-size\":6,\"name\":\"east\"}", config.GetValue("east")!.ToString());
    }

    [Fact]
    public void Missing_required_substitution_is_an_error_with_position()
    {
        var error = ParseError("a = 1\nb = ${missing.path}", "app.conf");
        Assert.Equal(2, error.Line);
        Assert.Equal(5, error.Column);
        Assert.Equal("app.conf", error.File);
        Assert.Contains("${missing.path}", error.Message);
        Assert.StartsWith("(app.conf: Line 2, Column 5)", error.Message);
    }

    [Fact]
    public void Optional_substitution_that_is_missing_removes_the_field_or_element()
    {
        var config = Parse("a = ${?missing}\nb = 1\nb = ${?missing}\nc = [1, ${?missing}, 2]\nd = x${?missing}y\ne = ${?missing} [1]");
        Assert.False(config.HasPath("a"));
        Assert.Null(config.GetValue("a"));
        Assert.Equal(1, config.GetInt("b"));
        Assert.Equal("[1,2]", config.GetValue("c")!.ToString());
        Assert.Equal("xy", config.GetString("d"));
        Assert.Equal("[1]", config.GetValue("e")!.ToString());
    }

    [Fact]
    public void Substitutions_fall_back_to_the_environment()
    {
        var environment = new Dictionary<string, string> { ["HOCON_TEST_HOME"] = "/home/me", ["EMPTY"] = "" };
        var config = Parse("home = ${HOCON_TEST_HOME}\nopt = ${?HOCON_TEST_HOME}/x\nempty = ${?EMPTY}\nnone = ${?NOT_SET}", environment);
        Assert.Equal("/home/me", config.GetString("home"));
        Assert.Equal("/home/me/x", config.GetString("opt"));
        Assert.Equal("", config.GetString("empty"));
        Assert.False(config.HasPath("none"));
    }

    [Fact]
    public void Real_process_environment_is_the_default_lookup()
    {
        var name = "HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var config = HoconParser.Parse($"a = ${{?{name}}}\nb = ${{{name}}}");
            Assert.Equal("from-env", config.GetString("a"));
            Assert.Equal("from-env", config.GetString("b"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Configuration_value_wins_over_environment_and_null_blocks_it()
    {
        var environment = new Dictionary<string, string> { ["HOME"] = "/env/home" };
        Assert.Equal("/conf/home", Parse("HOME = /conf/home\na = ${HOME}", environment).GetString("a"));
        Assert.False(Parse("HOME = null\na = ${?HOME}", environment).HasPath("a"));
        Assert.True(Parse("HOME = null\na = ${?HOME}", environment).GetValue("a")!.IsNull());
    }

    [Fact]
    public void Self_reference_appends_to_the_previous_value()
    {
        var config = Parse("path = \"a:b:c\"\npath = ${path}\":d\"\nlist = [1, 2]\nlist = ${list} [3, 4]");
        Assert.Equal("a:b:c:d", config.GetString("path"));
        Assert.Equal("[1,2,3,4]", config.GetValue("list")!.ToString());
    }

    [Fact]
    public void Self_reference_without_previous_value_uses_the_environment()
    {
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin" };
        Assert.Equal("/usr/bin:/x", Parse("PATH = ${PATH}\":/x\"", environment).GetString("PATH"));
        var error = ParseError("path = ${path}\":/x\"");
        Assert.Contains("${path}", error.Message);
    }

    [Fact]
    public void Optional_self_reference_without_previous_value_is_undefined()
    {
        Assert.Equal("foo", Parse("a = ${?a}foo").GetString("a"));
        Assert.False(Parse("foo : ${?foo}").HasPath("foo"));
    }

    [Fact]
    public void Self_reference_to_an_object()
    {
        var config = Parse("foo : { a : 1 }\nfoo : ${foo}\nbar : { a : 1 }\nbar : ${bar} { b : 2 }");
        Assert.Equal("{\"a\":1}", config.GetValue("foo")!.ToString());
        Assert.Equal("{\"a\":1,\"b\":2}", config.GetValue("bar")!.ToString());
    }

    [Fact]
    public void Self_reference_through_a_path_looks_below()
    {
        // Spec example: ${foo.a} sees { c : 1 }, so the result is { a : 2, c : 1 }.
        var foo = Parse("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }").GetConfig("foo");
        Assert.Equal(2, foo.GetInt("a"));
        Assert.Equal(1, foo.GetInt("c"));
    }

    [Fact]
    public void Self_reference_before_any_value_is_an_error_and_hidden_one_is_never_evaluated()
    {
        ParseError("foo : ${foo}");
        ParseError("foo : ${foo}\nfoo : { a : 1 }");
        Assert.Equal(42, Parse("foo : ${does-not-exist}\nfoo : 42").GetInt("foo"));
        Assert.Equal(42, Parse("foo : ${foo}\nfoo : 42").GetInt("foo"));
    }

    [Fact]
    public void Objects_may_refer_to_paths_within_themselves()
    {
        var config = Parse("bar : { foo : 42,\n baz : ${bar.foo}\n}\nbar : { foo : 43 }");
        Assert.Equal(43, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Mutually_referring_objects_resolve()
    {
        var config = Parse("bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4");
        Assert.Equal(4, config.GetInt("bar.a"));
        Assert.Equal(3, config.GetInt("foo.c"));
    }

    [Fact]
    public void Order_dependent_cross_references_give_the_same_value_to_both()
    {
        var config = Parse("a : 1\nb : 2\na : ${b}\nb : ${a}");
        Assert.Equal(config.GetInt("a"), config.GetInt("b"));
    }

    [Theory]
    [InlineData("bar : ${foo}\nfoo : ${bar}")]
    [InlineData("a : ${b}\nb : ${c}\nc : ${a}")]
    [InlineData("a : { b : ${a} }")]
    [InlineData("a : [ ${a} ]")]
    public void Cycles_are_clear_errors(string text)
    {
        var error = ParseError(text);
        Assert.True(error.Message.Contains("cycle", StringComparison.Ordinal) || error.Message.Contains("self-reference", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Optional_substitution_in_a_cycle_is_undefined()
    {
        var config = Parse("a : { b : ${?a} }");
        Assert.Equal("{\"a\":{}}", config.ToString());
    }

    [Fact]
    public void Plus_equals_appends_to_an_array()
    {
        var config = Parse("a = [1]\na += 2\na += [3]\nb += x\nc { d += 1, d += 2 }");
        Assert.Equal("[1,2,[3]]", config.GetValue("a")!.ToString());
        Assert.Equal("[\"x\"]", config.GetValue("b")!.ToString());
        Assert.Equal("[1,2]", config.GetValue("c.d")!.ToString());
    }

    [Fact]
    public void Plus_equals_on_a_non_array_is_an_error()
    {
        Assert.Contains("concatenate", ParseError("a = 5\na += 1").Message);
    }

    [Fact]
    public void Substitutions_are_resolved_after_layers_are_merged()
    {
        // The fallback refers to a value that the higher layer overrides.
        var reference = Unresolved("app { port = 80, url = \"http://host:\"${app.port} }", "reference.conf");
        var user = Unresolved("app.port = 8080", "user.conf");
        var merged = user.WithFallback(reference);
        Assert.Equal("http://host:8080", merged.GetString("app.url"));

        // And a higher layer may refer to a value defined only in the fallback.
        var upper = Unresolved("greeting = hello ${name}");
        var lower = Unresolved("name = fallback");
        Assert.Equal("hello fallback", upper.WithFallback(lower).GetString("greeting"));
    }

    [Fact]
    public void Unresolved_parse_defers_errors_until_use()
    {
        var config = Unresolved("a = ${nowhere}");
        Assert.ThrowsAny<HoconParseException>(() => config.Root);
        Assert.Equal(1, config.WithFallback(Unresolved("nowhere = 1")).GetInt("a"));
    }

    [Fact]
    public void Self_reference_across_layers()
    {
        var lower = Unresolved("path = [/bin]");
        var upper = Unresolved("path = ${path} [/usr/bin]");
        Assert.Equal(["/bin", "/usr/bin"], upper.WithFallback(lower).GetStringList("path"));
    }

    [Fact]
    public void Substitution_chains_too_deep_are_errors_not_crashes()
    {
        var text = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"a{i} = ${{a{i + 1}}}")) + "\na5000 = 1";
        var error = ParseError(text);
        Assert.Contains("deep", error.Message);
    }

    [Fact]
    public void Exponential_expansion_is_stopped()
    {
        var lines = new List<string> { "a0 = [1,2,3,4,5,6,7,8,9,10]" };
        lines.AddRange(Enumerable.Range(1, 30).Select(i => $"a{i} = ${{a{i - 1}}} ${{a{i - 1}}} ${{a{i - 1}}} ${{a{i - 1}}}"));
        Assert.Contains("too large", ParseError(string.Join('\n', lines)).Message);
    }

    [Fact]
    public void Substitutions_with_quoted_path_elements()
    {
        var config = Parse("\"a.b\" { c = 1 }\nx = ${\"a.b\".c}");
        Assert.Equal(1, config.GetInt("x"));
    }
}
