using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>The keywords of the Vrrp part of keepalived.conf.</summary>
public sealed class VrrpSection(SectionContext context) : IConfigSection
{
    public SectionContext Context { get; } = context;

    public void Install(KeywordTable root) { }

    public void Validate() { }

    public KeywordTable? Reopen(string blockKeyword, string? name) => null;

    public void Dump(ConfWriter writer) { }
}
