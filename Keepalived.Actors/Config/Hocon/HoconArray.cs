using System.Collections;

namespace Keepalived.Actors.Config.Hocon;

/// <summary>An immutable array.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    private readonly HoconValue[] _items;

    internal HoconArray(HoconValue[] items, HoconOrigin origin)
        : base(origin, HoconMetrics.Container(items))
    {
        _items = items;
    }

    /// <inheritdoc />
    public override HoconType Type => HoconType.Array;

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public HoconValue this[int index] => _items[index];

    /// <inheritdoc />
    public IEnumerator<HoconValue> GetEnumerator() => ((IEnumerable<HoconValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
