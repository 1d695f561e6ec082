namespace Keepalived.Host;

/// <summary>
/// The flags given on the command line and their values, whichever reader found them.
/// <see cref="TryReadPlain"/> reads the plain case by itself: every word a flag of
/// <see cref="Flags"/> spelled out on its own, each at most once, a value after each flag that
/// takes one. That is how keepalived is started by a unit file or a script, and it saves building
/// the full command-line parser, a noticeable part of the time from exec to the first advert.
/// Anything else (bundled short flags, <c>--flag=value</c>, a repeated flag, a value that looks
/// like a flag, <c>--help</c>, a typo) is left to <see cref="CommandLineOptions"/>, so errors and
/// help read the same as ever.
/// </summary>
public sealed class Arguments
{
    private readonly HashSet<Flag> _given;
    private readonly Dictionary<Flag, string> _values;

    public Arguments(IEnumerable<Flag> given, IReadOnlyDictionary<Flag, string> values)
    {
        _given = [.. given];
        _values = new Dictionary<Flag, string>(values);
        _given.UnionWith(_values.Keys);
    }

    public bool Has(Flag flag) => _given.Contains(flag);

    public string? Value(Flag flag) => _values.GetValueOrDefault(flag);

    public string ConfigFile => Value(Flags.UseFile) ?? Flags.DefaultConfigFile;

    /// <returns>null unless every word is a plain flag or a flag's value (see the class summary).</returns>
    public static Arguments? TryReadPlain(IReadOnlyList<string> args)
    {
        var given = new HashSet<Flag>();
        var values = new Dictionary<Flag, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = Find(args[i]);
            if (flag is null || !given.Add(flag)) return null;
            if (!flag.TakesValue) continue;
            // a flag's value is the next word, unless that looks like a flag itself
            if (i + 1 >= args.Count || args[i + 1].StartsWith('-')) return null;
            values[flag] = args[++i];
        }
        return new Arguments(given, values);
    }

    private static Flag? Find(string word)
    {
        foreach (var flag in Flags.All)
            if (flag.IsNamed(word)) return flag;
        return null;
    }
}
