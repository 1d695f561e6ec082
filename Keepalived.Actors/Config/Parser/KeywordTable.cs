namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// One level of keywords (keepalived's install_keyword / install_sublevel). A keyword has a
/// handler for its line, optionally a sub-table for its <c>{ }</c> block and a handler for the
/// block's end. An inactive keyword's block is skipped unread (keepalived does this for the
/// sections another of its processes owns).
/// </summary>
public sealed class KeywordTable
{
    private readonly Dictionary<string, Keyword> _keywords = new(StringComparer.Ordinal);
    private Dictionary<string, Keyword>.AlternateLookup<ReadOnlySpan<char>>? _bySpan;

    public sealed class Keyword(string name, Action<Tokens>? handler, KeywordTable? sub, Action? onClose, bool active)
    {
        public string Name { get; } = name;
        public Action<Tokens>? Handler { get; } = handler;
        public KeywordTable? Sub { get; } = sub;
        public Action? OnClose { get; } = onClose;
        public bool Active { get; } = active;
    }

    public IEnumerable<Keyword> Keywords => _keywords.Values;

    /// <summary>A keyword whose line is all there is.</summary>
    public KeywordTable Add(string name, Action<Tokens>? handler, bool active = true)
    {
        _keywords[name] = new Keyword(name, handler, null, null, active);
        return this;
    }

    /// <summary>A keyword that opens a block of further keywords.</summary>
    public KeywordTable Block(string name, Action<Tokens>? handler, Action<KeywordTable> subKeywords,
        Action? onClose = null, bool active = true)
    {
        var sub = new KeywordTable();
        subKeywords(sub);
        _keywords[name] = new Keyword(name, handler, sub, onClose, active);
        return this;
    }

    /// <summary>A block whose keywords were built elsewhere (shared between blocks).</summary>
    public KeywordTable Block(string name, Action<Tokens>? handler, KeywordTable sub, Action? onClose = null, bool active = true)
    {
        _keywords[name] = new Keyword(name, handler, sub, onClose, active);
        return this;
    }

    public bool TryGet(string name, out Keyword keyword) => _keywords.TryGetValue(name, out keyword!);

    /// <summary>Looks a word up where it is in its line (no string for it).</summary>
    public bool TryGet(ReadOnlySpan<char> name, out Keyword keyword)
    {
        _bySpan ??= _keywords.GetAlternateLookup<ReadOnlySpan<char>>();
        return _bySpan.Value.TryGetValue(name, out keyword!);
    }

    /// <summary>The keyword's own name string when <paramref name="word"/> is a keyword here (saves a copy per line).</summary>
    public string? Intern(ReadOnlySpan<char> word) => TryGet(word, out var keyword) ? keyword.Name : null;
}
