using Keepalived.Actors.Config.Model;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>The notify* scripts of an instance or sync group, by keyword.</summary>
public sealed class NotifyScripts
{
    private readonly Dictionary<string, NotifyScript?> _byKeyword = new(StringComparer.Ordinal);

    /// <summary>True when the keyword was given (even if its script was then rejected).</summary>
    public bool Has(string keyword) => _byKeyword.ContainsKey(keyword);

    public NotifyScript? this[string keyword] => _byKeyword.GetValueOrDefault(keyword);

    public void Set(string keyword, NotifyScript? script) => _byKeyword[keyword] = script;

    public IEnumerable<KeyValuePair<string, NotifyScript?>> All => _byKeyword;
}
