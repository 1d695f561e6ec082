namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// The fields "removed from the lookup document" while they are being resolved (spec
/// "Self-Referential Substitutions"): while resolving a field whose value is a substitution or
/// concatenation, a look-up of that field (or of a path through it) sees only the definitions
/// below it. Immutable.
/// </summary>
internal sealed class HoconResolveContext
{
    private HoconResolveContext(HoconResolveContext? parent, HoconPath path, HoconValue? layer)
    {
        Parent = parent;
        Path = path;
        Layer = layer;
    }

    public static HoconResolveContext Empty { get; } = new(null, HoconPath.Empty, null);

    public HoconResolveContext? Parent { get; }

    /// <summary>Absolute path of the removed field.</summary>
    public HoconPath Path { get; }

    /// <summary>The removed definition: the field's value, or one layer of its merge stack.</summary>
    public HoconValue? Layer { get; }

    /// <param name="path">Field being resolved.</param>
    /// <param name="layer">The definition being resolved.</param>
    public HoconResolveContext Without(HoconPath path, HoconValue layer)
    {
        for (var c = this; c.Layer is not null; c = c.Parent!)
        {
            if (ReferenceEquals(c.Layer, layer))
            {
                return this;
            }
        }

        return new HoconResolveContext(this, path, layer);
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
