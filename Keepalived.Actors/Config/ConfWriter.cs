using System.Text;

namespace Keepalived.Actors.Config;

/// <summary>Writes keepalived.conf syntax with consistent indentation (for <c>-d</c>).</summary>
public sealed class ConfWriter
{
    private readonly StringBuilder _sb = new();
    private int _depth;

    /// <summary>A line of words; a word with blanks, quotes or nothing in it is quoted.</summary>
    public ConfWriter Line(params object?[] words)
    {
        var parts = words.Where(w => w is not null).Select(w => Quote(Format(w!))).ToArray();
        _sb.Append(' ', _depth * 4).AppendJoin(' ', parts).Append('\n');
        return this;
    }

    /// <summary>Writes <c>header {</c>, the body indented, and <c>}</c>.</summary>
    public ConfWriter Block(string header, Action body)
    {
        _sb.Append(' ', _depth * 4).Append(header).Append(" {\n");
        _depth++;
        body();
        _depth--;
        _sb.Append(' ', _depth * 4).Append("}\n");
        return this;
    }

    public ConfWriter Comment(string text)
    {
        _sb.Append(' ', _depth * 4).Append("# ").Append(text).Append('\n');
        return this;
    }

    public override string ToString() => _sb.ToString();

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string word) =>
        word.Length == 0 || word.Any(c => char.IsWhiteSpace(c) || c is '"' or '#' or '!' or '{' or '}')
            ? "\"" + word.Replace("\"", "'") + "\""
            : word;
}
