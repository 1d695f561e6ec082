using Keepalived.Actors.Config.Parser;

namespace Keepalived.Host;

/// <summary>
/// The command line of a plain configuration test (<c>-t [-f FILE] [-d] [-i ID] [--hocon FILE]</c>
/// and the flags that change nothing for it), read without building the full command-line
/// parser, whose start-up is a noticeable part of a <c>-t</c> run. Anything else (another
/// option, a repeated one, a value that looks like an option, <c>--help</c>) is left to
/// <see cref="ServiceHost"/>'s parser, so errors and help read the same as ever.
/// </summary>
public sealed record ConfigTestArguments(string File, string? HoconFile, ConfigParserOptions Parser, bool Dump)
{
    public const string DefaultFile = "/etc/keepalived/keepalived.conf";

    public static bool TryParse(IReadOnlyList<string> args, out ConfigTestArguments? parsed)
    {
        parsed = null;
        string? file = null, id = null, hocon = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = Canonical(args[i]);
            if (name is null || !seen.Add(name)) return false;
            if (name is not ("use-file" or "config-id" or "hocon")) continue;
            // An option's value is the next word, unless that looks like an option itself.
            if (i + 1 >= args.Count || args[i + 1].StartsWith('-')) return false;
            var value = args[++i];
            if (name == "use-file") file = value;
            else if (name == "config-id") id = value;
            else hocon = value;
        }
        if (!seen.Contains("config-test")) return false;
        var options = new ConfigParserOptions { ConfigTest = true };
        if (id is not null) options = options with { ConfigId = id };
        parsed = new ConfigTestArguments(file ?? DefaultFile, hocon, options, seen.Contains("dump-conf"));
        return true;
    }

    /// <summary>The long name of an option this reader knows, or null.</summary>
    private static string? Canonical(string arg) => arg switch
    {
        "-t" or "--config-test" => "config-test",
        "-f" or "--use-file" => "use-file",
        "-d" or "--dump-conf" => "dump-conf",
        "-i" or "--config-id" => "config-id",
        "--hocon" => "hocon",
        "-n" or "--dont-fork" => "dont-fork",
        "-l" or "--log-console" => "log-console",
        "-D" or "--log-detail" => "log-detail",
        _ => null,
    };
}
