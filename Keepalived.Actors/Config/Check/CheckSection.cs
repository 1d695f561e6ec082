using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>The keywords of the Check part of keepalived.conf.</summary>
public sealed class CheckSection(SectionContext context) : IConfigSection
{
    public SectionContext Context { get; } = context;

    public void Install(KeywordTable root) { }

    public void Validate() { }

    public KeywordTable? Reopen(string blockKeyword, string? name) => null;

    public void Dump(ConfWriter writer) { }
}
