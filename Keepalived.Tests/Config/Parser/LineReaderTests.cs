using Keepalived.Actors.Config.Parser;

namespace Keepalived.Tests.Config.Parser;

public sealed class LineReaderTests : IDisposable
{
    private readonly ParserHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Comments_start_with_hash_or_bang_outside_quotes_and_can_be_escaped()
    {
        _h.Parse("""
            kw a # comment
            kw b ! another
            ! whole line
            kw "c # not a comment"
            kw d\#e
            """);
        Assert.Equal(["kw a", "kw b", "kw c # not a comment", "kw d#e"], _h.Seen);
        Assert.Equal(ConfigErrorKind.Ok, _h.Diagnostics.Status);
    }

    [Fact]
    public void Braces_on_the_same_line_the_next_line_or_one_line_blocks()
    {
        _h.Parse("""
            block one {
                kw x
            }
            block two
            {
                kw y }
            block three { kw z }
            block four { inner { kw deep } }
            """);
        Assert.Equal([
            "block one", "  kw x", "block end",
            "block two", "  kw y", "block end",
            "block three", "  kw z", "block end",
            "block four", "  inner", "    kw deep", "  inner end", "block end",
        ], _h.Seen);
        Assert.Empty(_h.Diagnostics.All);
    }

    [Fact]
    public void Unknown_keywords_and_stray_braces_are_reported_with_their_lines()
    {
        _h.Parse("kw ok\nnonsense 1\n{\nblock b {\n    bogus\n}\n}\n");
        // The stray '{' opened nothing, so the last '}' is just an unknown word at the top level.
        Assert.Equal([2, 5, 7], _h.LinesOf(ConfigErrorKind.UnknownKeyword));
        Assert.Equal([3], _h.LinesOf(ConfigErrorKind.UnexpectedBob));
        Assert.Equal(5, _h.Diagnostics.ExitCode);
    }

    [Fact]
    public void An_extra_closing_brace_is_reported()
    {
        _h.Parse("kw a\n}\nkw b\n");
        Assert.Equal([2], _h.LinesOf(ConfigErrorKind.UnexpectedEob));
        Assert.Equal(["kw a", "kw b"], _h.Seen);
    }

    [Fact]
    public void A_last_line_without_newline_has_its_own_number()
    {
        _h.Parse("kw a\nbogus");
        Assert.Equal([2], _h.LinesOf(ConfigErrorKind.UnknownKeyword));
    }

    [Fact]
    public void Missing_closing_braces_are_counted_at_the_end()
    {
        _h.Parse("block b {\n kw x\n inner {\n");
        var d = Assert.Single(_h.Diagnostics.All);
        Assert.Equal(ConfigErrorKind.MissingEob, d.Kind);
        Assert.Equal("There are 2 missing '}'s or extra '{'s", d.Message);
        Assert.Equal(0, d.Line);
    }

    [Fact]
    public void A_keyword_missing_a_parameter_stops_parsing_with_exit_code_2()
    {
        var completed = _h.Parse("kw before\nneed2 only\nkw after\n");
        Assert.False(completed);
        Assert.Equal(["kw before"], _h.Seen);
        var d = Assert.Single(_h.Diagnostics.All);
        Assert.Equal(2, d.Line);
        Assert.Contains("missing a parameter after keyword `only` at word position 3", d.Message);
    }

    [Fact]
    public void Inactive_blocks_are_skipped_unread()
    {
        _h.Parse("hidden {\n kw 1\n nested { x }\n}\nkw after\nhidden\n{\n bogus\n}\nkw end\n");
        Assert.Equal(["kw after", "kw end"], _h.Seen);
        Assert.Empty(_h.Diagnostics.All);
    }

    [Fact]
    public void Quoted_words_keep_blanks_and_lose_their_quotes()
    {
        _h.Parse("kw \"a b\" c\"d\"\nkw \"unterminated\n");
        Assert.Equal("kw a b|c|d", _h.Seen[0]);
        Assert.Contains(_h.Diagnostics.All, d => d is { Kind: ConfigErrorKind.GeneralError, Line: 2 });
    }

    [Fact]
    public void Value_blocks_collect_words_across_lines()
    {
        _h.Parse("values {\n 10.0.0.1/24 dev eth0\n 10.0.0.2\n}\nvalues { a b }\nvalues\n{\n c }\n");
        Assert.Equal(["values 10.0.0.1/24|dev|eth0|10.0.0.2", "values a|b", "values c"], _h.Seen);
    }

    [Fact]
    public void Conditional_lines_follow_the_config_id()
    {
        _h.Parse("@lb1 kw mine\n@lb2 kw theirs\n@^lb2 kw not-theirs\n@^lb1 kw not-mine\nkw all\n", configId: "lb1");
        Assert.Equal(["kw mine", "kw not-theirs", "kw all"], _h.Seen);
    }

    [Fact]
    public void Long_physical_lines_are_read_in_1023_character_pieces_like_fgets()
    {
        var word = new string('x', 2000);
        _h.Parse($"kw {word}\nkw next\n");
        // The second piece starts mid-word: an unknown keyword, on the same line 1.
        Assert.Equal("kw " + word[..1020], _h.Seen[0]);
        Assert.Equal("kw next", _h.Seen[^1]);
        Assert.Equal([1], _h.LinesOf(ConfigErrorKind.UnknownKeyword));
    }
}
