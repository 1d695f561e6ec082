using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>An immutable object: keys in the order they were first defined, each with its value.</summary>
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly OrderedDictionary<string, HoconValue> _fields;

    /// <summary>Takes ownership of <paramref name="fields"/>; the caller must not change it afterwards.</summary>
    internal HoconObject(OrderedDictionary<string, HoconValue> fields, HoconOrigin origin)
        : base(origin, HoconMetrics.Container(fields.Values))
    {
        _fields = fields;
    }

    internal static HoconObject Empty { get; } = new(new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal), HoconOrigin.None);

    /// <inheritdoc />
    public override HoconType Type => HoconType.Object;

    /// <summary>The fields, in definition order.</summary>
    public IReadOnlyDictionary<string, HoconValue> Items => _fields;

    /// <inheritdoc />
    public int Count => _fields.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _fields.Keys;

    /// <inheritdoc />
    public IEnumerable<HoconValue> Values => _fields.Values;

    /// <inheritdoc />
    public HoconValue this[string key] => _fields[key];

    /// <summary>The value of <paramref name="key"/> (a single key, not a path), or null.</summary>
    public HoconValue? GetKey(string key) => _fields.GetValueOrDefault(key);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _fields.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
