namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Size facts computed once when a value is built, so that limits can be checked without
/// walking (possibly shared) trees again.
/// </summary>
internal readonly record struct HoconMetrics(int Depth, long Size, bool HasUnresolved)
{
    public static HoconMetrics Leaf(int textLength, bool unresolved = false) =>
        new(0, 1 + (textLength / 16), unresolved);

    /// <summary>Metrics of a container holding <paramref name="children"/>.</summary>
    public static HoconMetrics Container(IEnumerable<HoconValue> children, bool unresolved = false)
    {
        var depth = 0;
        long size = 1;
        foreach (var child in children)
        {
            depth = Math.Max(depth, child.Depth);
            size = size + child.Size < size ? long.MaxValue : size + child.Size;
            unresolved |= child.HasUnresolved;
        }

        return new HoconMetrics(depth + 1, size, unresolved);
    }
}
