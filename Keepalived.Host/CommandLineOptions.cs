using System.CommandLine;

namespace Keepalived.Host;

/// <summary>
/// The full command-line parser (System.CommandLine) for <see cref="Flags"/>: help, bundled
/// short flags, <c>--flag=value</c> and error messages. Used when <see cref="Arguments.TryReadPlain"/>
/// declines.
/// </summary>
internal static class CommandLineOptions
{
    /// <summary>A root command whose action hands the flags it found to <paramref name="run"/>.</summary>
    public static RootCommand CreateRootCommand(Func<Arguments, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand("keepalived-net: keepalived re-implemented as an actor-based HA runtime");
        // keepalived's -v/--version replaces System.CommandLine's own --version
        foreach (var builtIn in root.Options.OfType<VersionOption>().ToList()) root.Options.Remove(builtIn);
        var options = Flags.All.ToDictionary(flag => flag, Create);
        foreach (var option in options.Values) root.Options.Add(option);
        root.SetAction((result, token) =>
        {
            var given = new List<Flag>();
            var values = new Dictionary<Flag, string>();
            foreach (var (flag, option) in options)
            {
                if (option is Option<string?> valued)
                {
                    if (result.GetValue(valued) is { } value) values[flag] = value;
                }
                else if (result.GetValue((Option<bool>)option)) given.Add(flag);
            }
            return run(new Arguments(given, values), token);
        });
        return root;
    }

    private static Option Create(Flag flag)
    {
        var aliases = flag.Short is null ? Array.Empty<string>() : [flag.Short];
        return flag.TakesValue
            ? new Option<string?>(flag.Long, aliases) { Description = flag.Description }
            : new Option<bool>(flag.Long, aliases) { Description = flag.Description };
    }
}
