namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Successive definitions of one field that cannot be merged before substitutions are
/// resolved (e.g. <c>a = {x=1}</c> then <c>a = ${b}</c>). Lowest priority first. Keeping every
/// layer lets a self-reference (<c>a = ${a} [3]</c>) see the layers below it.
/// </summary>
internal sealed class HoconMergeStack : HoconValue
{
    public HoconMergeStack(IReadOnlyList<HoconValue> layers, HoconOrigin origin)
        : base(origin, HoconMetrics.Container(layers, unresolved: true))
    {
        Layers = layers;
    }

    public override HoconType Type => HoconType.Unresolved;

    public IReadOnlyList<HoconValue> Layers { get; }

    public int IndexOfLayer(HoconValue layer)
    {
        for (var i = 0; i < Layers.Count; i++)
        {
            if (ReferenceEquals(Layers[i], layer))
            {
                return i;
            }
        }

        return -1;
    }
}
