using System.CommandLine;
using Keepalived.Host;

namespace Keepalived.Tests.Host;

public class ArgumentsTests
{
    [Fact]
    public void A_service_command_line_as_the_lab_writes_it_is_read_plainly()
    {
        var args = Arguments.TryReadPlain(["-P", "-n", "-l", "-D", "-G", "-f", "/tmp/k.conf", "-p", "/run/a.pid", "-r", "/run/b.pid", "-c", "/run/c.pid"]);

        Assert.NotNull(args);
        Assert.True(args.Has(Flags.Vrrp) && args.Has(Flags.DontFork) && args.Has(Flags.LogConsole) && args.Has(Flags.LogDetail) && args.Has(Flags.NoSyslog));
        Assert.False(args.Has(Flags.Check));
        Assert.False(args.Has(Flags.ConfigTest));
        Assert.Equal("/tmp/k.conf", args.ConfigFile);
        Assert.Equal("/run/a.pid", args.Value(Flags.PidFile));
        Assert.Equal("/run/b.pid", args.Value(Flags.VrrpPidFile));
        Assert.Equal("/run/c.pid", args.Value(Flags.CheckersPidFile));
        Assert.Null(args.Value(Flags.Hocon));
    }

    [Fact]
    public void Long_names_are_read_and_the_configuration_file_has_keepaliveds_default()
    {
        var args = Arguments.TryReadPlain(["--config-test", "--hocon", "/etc/k.hocon", "--dump-conf"]);

        Assert.NotNull(args);
        Assert.True(args.Has(Flags.ConfigTest) && args.Has(Flags.DumpConf));
        Assert.Equal("/etc/k.hocon", args.Value(Flags.Hocon));
        Assert.Equal("/etc/keepalived/keepalived.conf", args.ConfigFile);
    }

    [Theory]
    [InlineData("-lnD")]                      // bundled short flags
    [InlineData("--use-file=/tmp/k.conf")]    // a value after '='
    [InlineData("-l", "-l")]                  // a repeated flag
    [InlineData("-f")]                        // a value missing
    [InlineData("-f", "-n")]                  // a value that looks like a flag
    [InlineData("--help")]
    [InlineData("-x")]                        // not a keepalived flag
    [InlineData("stray")]
    public void Anything_but_a_plain_command_line_is_left_to_the_full_parser(params string[] words) =>
        Assert.Null(Arguments.TryReadPlain(words));

    public static TheoryData<string[]> PlainCommandLines() => new()
    {
        Array.Empty<string>(),
        new[] { "-P", "-n", "-l", "-D", "-G", "-f", "/tmp/k.conf", "-p", "/run/a.pid", "-r", "/run/b.pid", "-c", "/run/c.pid" },
        new[] { "-t", "-f", "/tmp/k.conf", "-d", "-i", "node1" },
        new[] { "--check", "--dont-release-vrrp", "--log-facility", "7", "--hocon", "/etc/k.hocon" },
        new[] { "-v" },
        new[] { "-C", "-B", "-X", "-R", "-a", "-S", "0" },
    };

    [Theory]
    [MemberData(nameof(PlainCommandLines))]
    public void Both_readers_find_the_same_flags_and_values(string[] words)
    {
        var plain = Arguments.TryReadPlain(words);
        Arguments? full = null;
        var exit = CommandLineOptions.CreateRootCommand((a, _) => { full = a; return Task.FromResult(0); }).Parse(words).Invoke();

        Assert.Equal(0, exit);
        Assert.NotNull(plain);
        Assert.NotNull(full);
        foreach (var flag in Flags.All)
        {
            Assert.True(plain.Has(flag) == full.Has(flag), flag.Long);
            Assert.Equal(plain.Value(flag), full.Value(flag));
        }
    }

    [Fact]
    public void The_full_parser_reads_bundled_flags_and_an_equals_value()
    {
        Arguments? full = null;
        var exit = CommandLineOptions.CreateRootCommand((a, _) => { full = a; return Task.FromResult(0); })
            .Parse(["-lnD", "--use-file=/tmp/k.conf"]).Invoke();

        Assert.Equal(0, exit);
        Assert.NotNull(full);
        Assert.True(full.Has(Flags.LogConsole) && full.Has(Flags.DontFork) && full.Has(Flags.LogDetail));
        Assert.Equal("/tmp/k.conf", full.ConfigFile);
    }

    [Fact]
    public void Every_flag_has_distinct_names()
    {
        var names = Flags.All.SelectMany(f => f.Short is null ? [f.Long] : new[] { f.Long, f.Short }).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
