namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// An immutable configuration (Akka.NET's <c>Config</c>, named apart from it: the service uses
/// both, and this reader hands Akka its <c>akka { }</c> section). Paths are HOCON path
/// expressions (<c>a.b."c.d"</c>). Getters return the default when the path is missing or
/// null and throw <see cref="HoconException"/> when the value cannot be converted.
/// <para>
/// Substitutions are resolved lazily, on first access of <see cref="Root"/> or a getter, over the
/// whole merged tree: <see cref="WithFallback"/> merges the unresolved trees, so a fallback layer
/// can refer to a value that a higher layer overrides.
/// </para>
/// </summary>
public sealed class HoconConfig
{
    // Unresolved layers, highest priority first. They are merged lowest-first only when needed,
    // so that a.WithFallback(b).WithFallback(c) merges exactly like c, then b, then a
    // (spec: an intermediate non-object hides the objects below it).
    private readonly HoconObject[] _layers;
    private readonly Lazy<HoconObject> _resolved;
    private readonly Func<string, string?> _environment;

    internal HoconConfig(HoconObject root, Func<string, string?>? environment)
        : this([root], environment)
    {
    }

    private HoconConfig(HoconObject[] layers, Func<string, string?>? environment)
    {
        _layers = layers;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _resolved = new Lazy<HoconObject>(() => HoconResolver.Resolve(Merge(_layers), _environment), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A configuration without any value.</summary>
    public static HoconConfig Empty { get; } = new(HoconObject.Empty, null);

    /// <summary>The resolved root object: keys, values and the origin of each value.</summary>
    /// <exception cref="HoconParseException">A substitution cannot be resolved.</exception>
    public HoconObject Root => _resolved.Value;

    /// <summary>True if there is no value at all.</summary>
    public bool IsEmpty => _layers.All(layer => layer.Count == 0);

    /// <summary>Resolves substitutions now (instead of on first use); returns this configuration.</summary>
    /// <exception cref="HoconParseException">A substitution cannot be resolved.</exception>
    public HoconConfig Resolve()
    {
        _ = Root;
        return this;
    }

    /// <summary>
    /// This configuration with <paramref name="fallback"/> below it: values here win, objects
    /// present in both are merged (spec "Config object merging and file merging").
    /// </summary>
    public HoconConfig WithFallback(HoconConfig? fallback)
    {
        if (fallback is null || fallback.IsEmpty || ReferenceEquals(fallback, this))
        {
            return this;
        }

        return IsEmpty ? fallback : new HoconConfig([.. _layers, .. fallback._layers], _environment);
    }

    /// <summary>The value at <paramref name="path"/>, or null if there is none.</summary>
    public HoconValue? GetValue(string path)
    {
        HoconValue current = Root;
        foreach (var key in HoconPath.Parse(path))
        {
            if (current is not HoconObject obj || !obj.TryGetValue(key, out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    /// <summary>True if <paramref name="path"/> has a value other than null.</summary>
    public bool HasPath(string path) => GetValue(path) is { Type: not HoconType.Null };

    /// <summary>A string (numbers as written, booleans as true/false).</summary>
    public string? GetString(string path, string? @default = null) => Get(path, @default, HoconConvert.ToText);

    /// <summary>A boolean: true/yes/on or false/no/off.</summary>
    public bool GetBoolean(string path, bool @default = false) => Get(path, @default, HoconConvert.ToBoolean);

    /// <summary>A 32-bit integer.</summary>
    public int GetInt(string path, int @default = 0) => Get(path, @default, HoconConvert.ToInt);

    /// <summary>A 64-bit integer.</summary>
    public long GetLong(string path, long @default = 0) => Get(path, @default, HoconConvert.ToLong);

    /// <summary>A double.</summary>
    public double GetDouble(string path, double @default = 0) => Get(path, @default, HoconConvert.ToDouble);

    /// <summary>A duration: <c>500ms</c>, <c>10s</c>, <c>2 m</c>, <c>1.5h</c>, <c>3d</c>; a bare number is milliseconds.</summary>
    /// <param name="path">Path of the value.</param>
    /// <param name="default">Returned when the path is missing (<see cref="TimeSpan.Zero"/> if null).</param>
    /// <param name="allowInfinite">Accept <c>infinite</c> (returns <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    public TimeSpan GetTimeSpan(string path, TimeSpan? @default = null, bool allowInfinite = true) =>
        Get(path, @default ?? TimeSpan.Zero, (value, p) => HoconConvert.ToTimeSpan(value, p, allowInfinite));

    /// <summary>A size in bytes: <c>512</c>, <c>10k</c>, <c>10KiB</c>, <c>10kB</c>, <c>1M</c>, <c>1G</c>...</summary>
    public long? GetByteSize(string path, long? @default = null) =>
        Get<long?>(path, @default, (value, p) => HoconConvert.ToByteSize(value, p));

    /// <summary>An array of strings; an empty list if the path is missing.</summary>
    public IList<string> GetStringList(string path) => GetStringList(path, []);

    /// <summary>An array of strings; <paramref name="default"/> if the path is missing.</summary>
    public IList<string> GetStringList(string path, IList<string> @default) => Get(path, @default, HoconConvert.ToStringList);

    /// <summary>The object at <paramref name="path"/> as a configuration; <see cref="Empty"/> if missing.</summary>
    public HoconConfig GetConfig(string path)
    {
        var value = GetValue(path);
        return value is null or { Type: HoconType.Null } ? Empty : new HoconConfig(HoconConvert.ToObject(value, path), _environment);
    }

    /// <summary>The top-level fields, in definition order.</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> AsEnumerable() => Root;

    /// <summary>The resolved configuration as compact JSON.</summary>
    public override string ToString() => Root.ToString();

    private static HoconObject Merge(HoconObject[] layers)
    {
        var merged = layers[^1];
        for (var i = layers.Length - 2; i >= 0; i--)
        {
            merged = HoconMerger.MergeObjects(merged, layers[i]);
        }

        return merged;
    }

    private T Get<T>(string path, T @default, Func<HoconValue, string?, T> convert)
    {
        var value = GetValue(path);
        return value is null or { Type: HoconType.Null } ? @default : convert(value, path);
    }
}
