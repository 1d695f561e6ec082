namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// The mutable object the parser fills field by field. Duplicate keys are merged in place
/// (so <c>a.x1 = 1 ... a.xN = N</c> stays linear), then <see cref="Freeze"/> produces the
/// immutable <see cref="HoconObject"/>. Entries are a frozen <see cref="HoconValue"/>, a nested
/// builder (an object that received merges) or a <see cref="Layers"/> list (a delayed merge).
/// </summary>
internal sealed class HoconObjectBuilder
{
    private readonly OrderedDictionary<string, object> _fields = new(StringComparer.Ordinal);

    public HoconObjectBuilder(HoconOrigin origin) => Origin = origin;

    public HoconOrigin Origin { get; }

    /// <summary>Sets <c>path = value</c>, i.e. merges <c>{ p0 { p1 { ... = value } } }</c> into this object.</summary>
    public void Set(HoconPath path, HoconValue value)
    {
        for (var i = path.Count - 1; i > 0; i--)
        {
            var wrapper = new OrderedDictionary<string, HoconValue>(1, StringComparer.Ordinal) { [path[i]] = value };
            value = new HoconObject(wrapper, value.Origin);
        }

        SetField(path[0], value);
    }

    /// <summary>Merges every field of <paramref name="higher"/> over this object.</summary>
    public void MergeFrom(HoconObject higher)
    {
        foreach (var (key, value) in higher)
        {
            SetField(key, value);
        }
    }

    public HoconObject Freeze()
    {
        var fields = new OrderedDictionary<string, HoconValue>(_fields.Count, StringComparer.Ordinal);
        foreach (var (key, entry) in _fields)
        {
            fields.Add(key, FreezeEntry(entry));
        }

        return new HoconObject(fields, Origin);
    }

    private static HoconValue FreezeEntry(object entry) => entry switch
    {
        HoconObjectBuilder builder => builder.Freeze(),
        Layers layers => layers.Freeze(),
        _ => (HoconValue)entry,
    };

    private static HoconValueKind KindOf(object entry) => entry switch
    {
        HoconObjectBuilder => HoconValueKind.Object,
        Layers => HoconValueKind.Unresolved,
        _ => HoconMerger.KindOf((HoconValue)entry),
    };

    private static HoconObjectBuilder Thaw(object entry)
    {
        if (entry is HoconObjectBuilder builder)
        {
            return builder;
        }

        var frozen = (HoconObject)entry;
        var thawed = new HoconObjectBuilder(frozen.Origin);
        foreach (var (key, value) in frozen)
        {
            thawed._fields.Add(key, value);
        }

        return thawed;
    }

    private void SetField(string key, HoconValue higher)
    {
        if (!_fields.TryGetValue(key, out var lower))
        {
            _fields.Add(key, higher);
            return;
        }

        _fields[key] = HoconMerger.Decide(KindOf(lower), HoconMerger.KindOf(higher)) switch
        {
            HoconMergeAction.Replace => higher,
            HoconMergeAction.MergeObjects => MergeObject(lower, (HoconObject)higher),
            _ => (lower as Layers ?? new Layers(lower)).Push(higher),
        };
    }

    private static HoconObjectBuilder MergeObject(object lower, HoconObject higher)
    {
        var builder = Thaw(lower);
        builder.MergeFrom(higher);
        return builder;
    }

    /// <summary>The layers of a delayed merge, lowest first.</summary>
    private sealed class Layers
    {
        private readonly List<object> _layers = [];

        public Layers(object lowest) => _layers.Add(lowest);

        public Layers Push(HoconValue higher)
        {
            foreach (var layer in HoconMerger.LayersOf(higher))
            {
                // Adjacent objects can be merged right away; only a non-object breaks the chain.
                if (layer is HoconObject obj && KindOf(_layers[^1]) == HoconValueKind.Object)
                {
                    _layers[^1] = MergeObject(_layers[^1], obj);
                }
                else
                {
                    _layers.Add(layer);
                }
            }

            return this;
        }

        public HoconValue Freeze()
        {
            var frozen = _layers.Select(FreezeEntry).ToArray();
            return frozen.Length == 1 ? frozen[0] : new HoconMergeStack(frozen, frozen[^1].Origin);
        }
    }
}
