using System.Collections;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Builds the product's layered configuration, lowest priority first:
/// <list type="number">
/// <item>the embedded <c>reference.conf</c> (defaults);</item>
/// <item>the user file: <see cref="HoconLayerOptions.UserFile"/>, or <c>keepalived.hocon</c> beside keepalived.conf if present;</item>
/// <item>environment overrides: <c>KEEPALIVED_NET__a__b_c=v</c> sets <c>keepalived-net.a.b-c = "v"</c>
/// (after the prefix, <c>__</c> separates keys, keys are lower-cased and a single <c>_</c> becomes <c>-</c>;
/// values are strings, which the typed getters convert).</item>
/// </list>
/// Substitutions are resolved once, after merging, so <c>${?VAR}</c> (looked up in the
/// configuration first, then in the environment) and references between layers see the final values.
/// </summary>
public static class HoconLayers
{
    /// <summary>Manifest name of the embedded defaults.</summary>
    public const string ReferenceResourceName = "Keepalived.Actors.Config.reference.conf";

    /// <summary>File name of the user configuration beside keepalived.conf.</summary>
    public const string UserFileName = "keepalived.hocon";

    /// <summary>Prefix of environment variables mapped to settings.</summary>
    public const string EnvironmentPrefix = "KEEPALIVED_NET__";

    /// <summary>Root key of the product's settings.</summary>
    public const string RootKey = "keepalived-net";

    /// <summary>Loads, merges and resolves all layers.</summary>
    /// <exception cref="HoconException">A layer has an error, or an explicit user file is missing.</exception>
    public static HoconConfig Load(HoconLayerOptions? options = null)
    {
        options ??= new HoconLayerOptions();
        var environment = options.Environment ?? ProcessEnvironment();
        var parse = new HoconParserOptions
        {
            Resolve = false,
            EnvironmentLookup = name => environment.GetValueOrDefault(name),
        };

        var overrides = options.MapPrefixedEnvironment
            ? FromEnvironment(environment, options.EnvironmentPrefix, parse.EnvironmentLookup)
            : HoconConfig.Empty;
        var userFile = LocateUserFile(options);
        var user = userFile is null ? HoconConfig.Empty : HoconParser.ParseFile(userFile, parse);
        return overrides.WithFallback(user).WithFallback(Reference(parse)).Resolve();
    }

    /// <summary>
    /// Whether <see cref="Load"/> would have nothing but the embedded defaults: no user file and
    /// no prefixed environment variable (a caller that needs none of the defaults can skip loading).
    /// </summary>
    public static bool IsReferenceOnly(HoconLayerOptions options)
    {
        if (LocateUserFile(options) is not null)
        {
            return false;
        }

        if (!options.MapPrefixedEnvironment)
        {
            return true;
        }

        var environment = options.Environment?.Keys ?? System.Environment.GetEnvironmentVariables().Keys.OfType<string>();
        return !environment.Any(name => name.StartsWith(options.EnvironmentPrefix, StringComparison.Ordinal));
    }

    /// <summary>The embedded defaults, unresolved.</summary>
    public static HoconConfig Reference(HoconParserOptions? options = null) =>
        HoconConfigurationFactory.FromResource(
            typeof(HoconLayers).Assembly,
            ReferenceResourceName,
            (options ?? HoconParserOptions.Default) with { Resolve = false, FileName = "reference.conf" });

    /// <summary>The user file to load, or null if there is none.</summary>
    public static string? LocateUserFile(HoconLayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UserFile is not null)
        {
            return options.UserFile;
        }

        if (options.KeepalivedConfPath is null)
        {
            return null;
        }

        var candidate = Path.Combine(Path.GetDirectoryName(options.KeepalivedConfPath) ?? string.Empty, UserFileName);
        return File.Exists(candidate) ? candidate : null;
    }

    /// <summary>Settings from variables named <paramref name="prefix"/><c>key__key...</c> (see the class summary).</summary>
    public static HoconConfig FromEnvironment(
        IReadOnlyDictionary<string, string> environment, string prefix = EnvironmentPrefix, Func<string, string?>? lookup = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = new HoconObjectBuilder(new HoconOrigin("<environment>", 0, 0));
        // only the prefixed variables (usually none) are sorted, so that the same variables always merge in the same order
        // (a loop, not LINQ: this runs at every start, and LINQ over the dictionary's pairs is code
        // the ReadyToRun image does not hold, compiled on the way to the first advert)
        var prefixed = new List<KeyValuePair<string, string>>();
        foreach (var variable in environment)
            if (variable.Key.StartsWith(prefix, StringComparison.Ordinal)) prefixed.Add(variable);
        prefixed.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var (name, value) in prefixed)
        {
            var keys = name[prefix.Length..].Split("__");
            if (keys.Any(k => k.Length == 0))
            {
                continue;
            }

            var path = new HoconPath([RootKey, .. keys.Select(k => k.ToLowerInvariant().Replace('_', '-'))]);
            root.Set(path, HoconLiteral.String(value, new HoconOrigin($"<environment variable {name}>", 0, 0)));
        }

        return new HoconConfig(root.Freeze(), lookup ?? (n => environment.GetValueOrDefault(n)));
    }

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry is { Key: string key, Value: string value })
            {
                result[key] = value;
            }
        }

        return result;
    }
}
