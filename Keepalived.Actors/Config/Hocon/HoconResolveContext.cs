namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// The fields "removed from the lookup document" while they are being resolved (spec
/// "Self-Referential Substitutions"): while resolving a field whose value is a substitution or
/// concatenation, a look-up of that field (or of a path through it) sees only the definitions
/// below it. Immutable; <see cref="Key"/> identifies the context for memoization.
/// </summary>
internal sealed class HoconResolveContext
{
    private HoconResolveContext(HoconResolveContext? parent, HoconPath path, HoconValue? layer, string key)
    {
        Parent = parent;
        Path = path;
        Layer = layer;
        Key = key;
    }

    public static HoconResolveContext Empty { get; } = new(null, HoconPath.Empty, null, string.Empty);

    public HoconResolveContext? Parent { get; }

    /// <summary>Absolute path of the removed field.</summary>
    public HoconPath Path { get; }

    /// <summary>The removed definition: the field's value, or one layer of its merge stack.</summary>
    public HoconValue? Layer { get; }

    public string Key { get; }

    /// <param name="path">Field being resolved.</param>
    /// <param name="layer">The definition being resolved.</param>
    /// <param name="layerId">A number unique to <paramref name="layer"/> within one resolution.</param>
    public HoconResolveContext Without(HoconPath path, HoconValue layer, int layerId)
    {
        for (var c = this; c.Layer is not null; c = c.Parent!)
        {
            if (ReferenceEquals(c.Layer, layer))
            {
                return this;
            }
        }

        return new HoconResolveContext(this, path, layer, $"{Key}/{layerId}");
    }

    /// <summary>The removed definitions at <paramref name="path"/>.</summary>
    public IEnumerable<HoconValue> RemovedAt(HoconPath path)
    {
        for (var c = this; c.Layer is not null; c = c.Parent!)
        {
            if (c.Path.Equals(path))
            {
                yield return c.Layer;
            }
        }
    }
}
