using Keepalived.Actors.Config.Parser;

namespace Keepalived.Tests.Config.Parser;

public sealed class PreprocessorTests : IDisposable
{
    private readonly ParserHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Include_is_relative_to_the_including_file_and_expands_globs_and_braces()
    {
        _h.Write("conf.d/b.conf", "kw b\n");
        _h.Write("conf.d/a.conf", "kw a\ninclude sub/*.conf\n");
        _h.Write("conf.d/sub/x.conf", "kw x\n");
        _h.Write("conf.d/c.inc", "kw c\n");
        _h.Parse("include conf.d/*.conf\ninclude conf.d/{c.inc,missing.inc}\nkw end\n");
        Assert.Equal(["kw a", "kw x", "kw b", "kw c", "kw end"], _h.Seen);
        // A missing brace alternative is said, but plain include does not make it an error.
        Assert.Equal(ConfigErrorKind.Ok, _h.Diagnostics.Status);
    }

    [Fact]
    public void A_missing_plain_include_is_not_an_error_but_includem_is()
    {
        _h.Parse("kw a\ninclude nothing-here.conf\nkw b\n");
        Assert.Equal(["kw a", "kw b"], _h.Seen);
        var said = Assert.Single(_h.Diagnostics.All);
        Assert.Equal((ConfigErrorKind.Ok, 2), (said.Kind, said.Line));

        _h.Parse("includem nothing-here.conf\n");
        Assert.Equal(4, _h.Diagnostics.ExitCode);
    }

    [Fact]
    public void Errors_in_an_included_file_name_that_file_and_its_line()
    {
        _h.Write("inc.conf", "\n\nbogus\n");
        _h.Parse("kw a\ninclude inc.conf\n");
        var d = Assert.Single(_h.Diagnostics.All);
        Assert.Equal(("inc.conf", 3), (d.File, d.Line));
        Assert.Equal("(inc.conf: Line 3) Unknown keyword 'bogus'", d.ToString());
    }

    [Fact]
    public void An_include_cycle_stops_with_an_error_instead_of_recursing_for_ever()
    {
        _h.Write("loop.conf", "kw loop\ninclude loop.conf\n");
        _h.Write("a.conf", "kw a\ninclude b.conf\n");
        _h.Write("b.conf", "kw b\ninclude a.conf\n");
        _h.Parse("include loop.conf\ninclude a.conf\ninclude ./*.conf\n");
        // Each file is read once per chain; a file never includes itself, directly or not.
        Assert.Equal(["kw loop", "kw a", "kw b"], _h.Seen.Take(3));
        Assert.Contains(_h.Diagnostics.All, d => d.Kind == ConfigErrorKind.GeneralError && d.Message.Contains("includes itself"));
        Assert.True(_h.Seen.Count < 20, $"{_h.Seen.Count} lines read");
    }

    [Fact]
    public void Definitions_replace_plain_and_braced_uses_and_standard_ones_exist()
    {
        _h.Parse("$IF=eth0\n$PRIO=150\nkw $IF ${PRIO}x ${_INSTANCE}\n", configId: "node7");
        Assert.Equal(["kw eth0|150x|node7"], _h.Seen);
    }

    [Fact]
    public void Quirks_kept_from_keepalived()
    {
        // "$NAME = value" (blank before '=') is no definition, and "$a-" is no use of $a.
        _h.Parse("$P = 1\n$a=x\nkw $a-\n");
        Assert.Equal(["kw $a-"], _h.Seen);
        Assert.Equal([1], _h.LinesOf(ConfigErrorKind.UnknownKeyword));
    }

    [Fact]
    public void Multi_line_definitions_expand_to_several_lines()
    {
        _h.Parse("$BLOCK=kw one \\\n  kw two \\\n  kw three\n\n$BLOCK\nkw after\n");
        Assert.Equal(["kw one", "kw two", "kw three", "kw after"], _h.Seen);
    }

    [Fact]
    public void A_self_referencing_definition_terminates()
    {
        _h.Parse("$A=x$A\nkw $A\nkw done\n");
        Assert.Equal("kw done", _h.Seen[^1]);
    }

    [Fact]
    public void Seq_and_lst_loops_repeat_their_text()
    {
        _h.Parse("~SEQ(i, 1, 2, 5) kw n$i\n~SEQx(h, 9, 11) kw $h\n~LST({a,b}, {1,2}, {3}) kw $a $b\n~SEQ(n, 3) kw s$n\n");
        Assert.Equal(["kw n1", "kw n3", "kw n5", "kw 9", "kw a", "kw b", "kw 1|2", "kw 3", "kw s1", "kw s2", "kw s3"], _h.Seen);
    }

    [Fact]
    public void Invalid_loops_are_reported()
    {
        _h.Parse("~SEQ(i, 1, -1, 5) kw $i\n~SEQ(oops) kw\n");
        Assert.Empty(_h.Seen);
        Assert.Equal([1, 1, 2, 2], _h.LinesOf(ConfigErrorKind.GeneralError));
    }

    [Fact]
    public void A_huge_loop_is_cut_off()
    {
        _h.Parse("~SEQ(i, 1, 100000000) kw $i\nkw after\n");
        Assert.Equal("kw after", _h.Seen[^1]);
        Assert.Contains(_h.Diagnostics.All, d => d.Message.Contains("more than 2000000 lines"));
    }
}
