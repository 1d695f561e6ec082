using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Global;

/// <summary>
/// The keywords of global_defs, the root keywords keepalived installs with them, and the
/// top-level VRRP objects that are not instances (static addresses/routes/rules, track and
/// garp groups, linkbeat interfaces, interface delays). After parsing it reports a
/// non-existent interface and runs the script-security check over the scripts no other
/// section checked.
/// </summary>
public sealed class GlobalSection(SectionContext context) : IConfigSection
{
    private readonly KeywordTable _globalDefs = new();

    public SectionContext Context { get; } = context;

    public void Install(KeywordTable root)
    {
        new GlobalDefsKeywords(Context).Install(_globalDefs);
        new TopLevelKeywords(Context).Install(root, _globalDefs);
    }

    public void Validate()
    {
        var g = Context.Config.Global;
        if (g.NonExistentInterfaceSpecified)
            Context.Parser.Diagnostics.ReportAt(ConfigErrorKind.BadInterface, null, 0, "Non-existent interface specified in configuration");
        ScriptSecurity.For(Context).CheckRemaining();
    }

    /// <summary>global_defs is one unnamed block: its keywords apply to the one global configuration.</summary>
    public KeywordTable? Reopen(string blockKeyword, string? name) => blockKeyword == "global_defs" ? _globalDefs : null;

    public void Dump(ConfWriter writer) => GlobalDump.Write(Context.Config.Global, writer);
}
