using System.Text;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Tracking;

namespace Keepalived.Tests.Tracking;

public sealed class ProcessMatcherTests
{
    internal static TrackedProcess Process(string name, ParamMatch match = ParamMatch.None, bool fullCommand = false, params string[] parameters)
    {
        var p = new TrackedProcess("tp", default) { Process = name, ParamMatch = match, FullCommand = fullCommand || match != ParamMatch.None };
        p.Parameters.AddRange(parameters);
        return p;
    }

    private static byte[] CommandLine(params string[] words) => Encoding.UTF8.GetBytes(string.Concat(words.Select(w => w + "\0")));

    [Theory]
    [InlineData("1234 (nginx) S 1 1234", "nginx")]
    [InlineData("1234 (my proc) R 1", "my proc")]
    [InlineData("1234 (nginx) Z 1 1234", "")]
    [InlineData("1234 nginx S", "")]
    [InlineData("1234 (nginx", "")]
    [InlineData("", "")]
    public void Comm_is_read_from_the_stat_line_and_zombies_are_left_out(string stat, string comm) =>
        Assert.Equal(comm, Encoding.UTF8.GetString(ProcessMatcher.CommOf(Encoding.UTF8.GetBytes(stat))));

    [Fact]
    public void Comm_must_be_equal()
    {
        var m = new ProcessMatcher(Process("nginx"));
        Assert.False(m.FullCommand);
        Assert.True(m.MatchesComm("nginx"u8));
        Assert.False(m.MatchesComm("nginx2"u8));
        Assert.False(m.MatchesComm("ngin"u8));
    }

    [Fact]
    public void Full_command_without_param_match_compares_the_first_word_only()
    {
        var m = new ProcessMatcher(Process("/usr/sbin/nginx", fullCommand: true));
        Assert.True(m.MatchesCommandLine(CommandLine("/usr/sbin/nginx", "-g", "daemon off;")));
        Assert.True(m.MatchesCommandLine(CommandLine("/usr/sbin/nginx")));
        Assert.False(m.MatchesCommandLine(CommandLine("nginx")));
        Assert.False(m.MatchesCommandLine([]));
    }

    [Theory]
    // exact: the same words
    [InlineData(ParamMatch.Exact, new[] { "-a", "bc" }, new[] { "-a", "bc" }, true)]
    [InlineData(ParamMatch.Exact, new[] { "-a", "bc" }, new[] { "-a", "bc", "d" }, false)]
    [InlineData(ParamMatch.Exact, new[] { "-a", "bc" }, new[] { "-a", "bcd" }, false)]
    [InlineData(ParamMatch.Exact, new[] { "-a", "bc" }, new[] { "-a" }, false)]
    [InlineData(ParamMatch.Exact, new string[0], new string[0], true)]
    [InlineData(ParamMatch.Exact, new string[0], new[] { "x" }, false)]
    // partial: the configured words begin the process's
    [InlineData(ParamMatch.Partial, new[] { "-a", "bc" }, new[] { "-a", "bc", "d" }, true)]
    [InlineData(ParamMatch.Partial, new[] { "-a", "bc" }, new[] { "-a", "bcd" }, false)]
    [InlineData(ParamMatch.Partial, new[] { "-a", "bc" }, new[] { "-b", "bc" }, false)]
    [InlineData(ParamMatch.Partial, new string[0], new[] { "x" }, true)]
    // initial: as partial, the last configured word only a prefix
    [InlineData(ParamMatch.Initial, new[] { "-a", "bc" }, new[] { "-a", "bcd", "e" }, true)]
    [InlineData(ParamMatch.Initial, new[] { "-a", "bc" }, new[] { "-a", "b" }, false)]
    [InlineData(ParamMatch.Initial, new[] { "" }, new[] { "anything" }, true)]
    public void Parameters_match_as_keepalived(ParamMatch match, string[] configured, string[] actual, bool expected)
    {
        var m = new ProcessMatcher(Process("/bin/app", match, true, configured));
        Assert.Equal(expected, m.MatchesCommandLine(CommandLine(["/bin/app", .. actual])));
    }

    [Fact]
    public void Scanner_counts_matching_entries_of_a_proc_like_directory()
    {
        var root = Directory.CreateTempSubdirectory("proc-").FullName;
        try
        {
            void Proc(string pid, string stat, params string[] cmdline)
            {
                Directory.CreateDirectory(Path.Combine(root, pid));
                File.WriteAllText(Path.Combine(root, pid, "stat"), stat);
                File.WriteAllBytes(Path.Combine(root, pid, "cmdline"), CommandLine(cmdline));
            }
            Proc("10", "10 (app) S 1", "/bin/app", "-x");
            Proc("11", "11 (app) Z 1");
            Proc("12", "12 (app) R 1", "/bin/app", "-y");
            Proc("13", "13 (other) S 1", "/bin/other");
            Proc("0", "0 (app) S 1", "/bin/app", "-x");
            Directory.CreateDirectory(Path.Combine(root, "self"));
            Directory.CreateDirectory(Path.Combine(root, "99"));

            var scanner = new ProcScanner(root);
            Assert.Equal(2, scanner.Count(new ProcessMatcher(Process("app"))));
            Assert.Equal(1, scanner.Count(new ProcessMatcher(Process("/bin/app", ParamMatch.Exact, true, "-x"))));
            Assert.Equal(2, scanner.Count(new ProcessMatcher(Process("/bin/app", fullCommand: true))));
            Assert.Equal(0, new ProcScanner(Path.Combine(root, "missing")).Count(new ProcessMatcher(Process("app"))));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
