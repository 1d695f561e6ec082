namespace Keepalived.Actors.Config.Hocon;

/// <summary>An unresolved <c>${path}</c> or <c>${?path}</c>.</summary>
internal sealed class HoconSubstitution : HoconValue
{
    /// <param name="candidates">
    /// Absolute paths to try in order. Inside an included file the path is tried first relative
    /// to where the file was included, then from the root (spec: "Include semantics: substitution").
    /// </param>
    /// <param name="path">The path as written; also the environment variable name to fall back to.</param>
    /// <param name="optional">True for <c>${?path}</c>.</param>
    /// <param name="text">The substitution as written, for messages.</param>
    /// <param name="origin">Where it was written.</param>
    public HoconSubstitution(IReadOnlyList<HoconPath> candidates, HoconPath path, bool optional, string text, HoconOrigin origin)
        : base(origin, HoconMetrics.Leaf(0, unresolved: true))
    {
        Candidates = candidates;
        Path = path;
        Optional = optional;
        Text = text;
    }

    public override HoconType Type => HoconType.Unresolved;

    public IReadOnlyList<HoconPath> Candidates { get; }

    public HoconPath Path { get; }

    public bool Optional { get; }

    public string Text { get; }
}
