namespace Keepalived.Actors.Config.Hocon;

/// <summary>How a value takes part in merging.</summary>
internal enum HoconValueKind
{
    Object,

    /// <summary>Literal or array: always replaces what is below it.</summary>
    Simple,

    /// <summary>Substitution, concatenation or delayed merge: its kind is known only after resolution.</summary>
    Unresolved,
}

internal enum HoconMergeAction
{
    Replace,
    MergeObjects,

    /// <summary>Keep both in a <see cref="HoconMergeStack"/> until resolution.</summary>
    Stack,
}

/// <summary>
/// Merging of duplicate keys and of configuration layers (spec "Duplicate keys and object
/// merging"): a later object merges into an earlier object, any later non-object replaces.
/// Merging is always pairwise, so <c>{a:{x:1}}</c>, <c>{a:42}</c>, <c>{a:{y:2}}</c> gives
/// <c>{a:{y:2}}</c>: the 42 hides the first object.
/// </summary>
internal static class HoconMerger
{
    public static HoconValueKind KindOf(HoconValue value) => value switch
    {
        HoconObject => HoconValueKind.Object,
        HoconLiteral or HoconArray => HoconValueKind.Simple,
        _ => HoconValueKind.Unresolved,
    };

    /// <summary>The one place where the merge rule is decided (shared by the parser's builder).</summary>
    public static HoconMergeAction Decide(HoconValueKind lower, HoconValueKind higher) => higher switch
    {
        HoconValueKind.Simple => HoconMergeAction.Replace,
        HoconValueKind.Object => lower switch
        {
            HoconValueKind.Object => HoconMergeAction.MergeObjects,
            HoconValueKind.Simple => HoconMergeAction.Replace,
            _ => HoconMergeAction.Stack,
        },

        // A later substitution may resolve to an object that merges with what is below,
        // or be an undefined ${?x} that leaves the lower value in place.
        _ => HoconMergeAction.Stack,
    };

    /// <summary><paramref name="higher"/> merged over <paramref name="lower"/>; neither is changed.</summary>
    public static HoconValue Merge(HoconValue lower, HoconValue higher) =>
        Decide(KindOf(lower), KindOf(higher)) switch
        {
            HoconMergeAction.Replace => higher,
            HoconMergeAction.MergeObjects => MergeObjects((HoconObject)lower, (HoconObject)higher),
            _ => new HoconMergeStack([.. LayersOf(lower), .. LayersOf(higher)], higher.Origin),
        };

    public static HoconObject MergeObjects(HoconObject lower, HoconObject higher)
    {
        if (lower.Count == 0)
        {
            return higher;
        }

        if (higher.Count == 0)
        {
            return lower;
        }

        var fields = new OrderedDictionary<string, HoconValue>(lower.Count + higher.Count, StringComparer.Ordinal);
        foreach (var (key, value) in lower)
        {
            fields.Add(key, value);
        }

        foreach (var (key, value) in higher)
        {
            fields[key] = fields.TryGetValue(key, out var below) ? Merge(below, value) : value;
        }

        return new HoconObject(fields, higher.Origin);
    }

    public static IReadOnlyList<HoconValue> LayersOf(HoconValue value) =>
        value is HoconMergeStack stack ? stack.Layers : [value];
}
