using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config;

/// <summary>
/// One part of keepalived.conf (as keepalived splits its parser: global, vrrp, check). It
/// installs its keywords, checks the result once the whole file is read, can make one of its
/// named blocks current again (so an override can be applied inside it), and writes its part
/// of the normalized dump.
/// </summary>
public interface IConfigSection
{
    /// <summary>Adds this section's top-level keywords (and their blocks) to <paramref name="root"/>.</summary>
    void Install(KeywordTable root);

    /// <summary>The checks keepalived makes after reading (its *_validate_config), reported through the parser.</summary>
    void Validate();

    /// <summary>
    /// Makes the block <c>{blockKeyword} {name}</c> (e.g. <c>vrrp_instance VI_1</c>) the one that
    /// keyword handlers act on, and returns the keywords valid inside it; null if this section has
    /// no such block. For blocks without a name (<c>global_defs</c>), <paramref name="name"/> is null.
    /// </summary>
    KeywordTable? Reopen(string blockKeyword, string? name);

    /// <summary>Writes this section in keepalived.conf syntax, defaults made explicit.</summary>
    void Dump(ConfWriter writer);
}
