namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// Parameters: <c>$NAME=VALUE</c> (multi-line when it ends with '\'), used as <c>$NAME</c> or
/// <c>${NAME}</c>, and the predefined <c>${_PWD}</c>, <c>${_INSTANCE}</c>,
/// <c>${_RANDOM [min [max]]}</c>, <c>${_HASH}</c>, <c>${_BANG}</c> — keepalived's
/// <c>check_definition</c>, <c>find_definition</c> and <c>replace_param</c>.
/// </summary>
internal sealed class Definitions
{
    /// <summary>Marks line ends inside a multi-line value (keepalived's DEF_LINE_END).</summary>
    public const char LineEnd = '\n';

    private readonly Dictionary<string, Definition> _defs = new(StringComparer.Ordinal);
    private readonly Random _random;

    public Definitions(Func<string> cwd, string? configId, int? randomSeed)
    {
        _random = randomSeed is { } seed ? new Random(seed) : new Random();
        Standard("_PWD", null, _ => cwd(), 0);
        Standard("_INSTANCE", null, _ => configId ?? "", 0);
        Standard("_RANDOM", null, RandomValue, 2);
        Standard("_HASH", "#", null, 0);
        Standard("_BANG", "!", null, 0);
    }

    public sealed class Definition(string name)
    {
        public string Name { get; } = name;
        public string Value { get; set; } = "";
        public bool Multiline { get; set; }
        public Func<Definition, string>? Fn { get; set; }
        public int MaxParams { get; init; }
        public string? Params { get; set; }
    }

    /// <summary>True once the user has defined anything (the standard ones always exist).</summary>
    public bool Any => _defs.Count > 0;

    public Definition Set(string name, string value)
    {
        if (!_defs.TryGetValue(name, out var def)) _defs[name] = def = new Definition(name);
        def.Fn = null;
        def.Value = value;
        def.Multiline = false;
        return def;
    }

    /// <summary>A line <c>$NAME=TEXT</c> (keepalived's check_definition); null if the line is not one.</summary>
    public Definition? TryDefine(string line)
    {
        if (line.Length < 2 || line[0] != '$' || !(char.IsAsciiLetter(line[1]) || line[1] == '_')) return null;
        var p = 2;
        while (p < line.Length && line[p] != '=')
        {
            if (!char.IsAsciiLetterOrDigit(line[p]) && line[p] != '_') return null;
            p++;
        }
        var name = line[1..p];
        if (p >= line.Length) return null;
        if (!_defs.TryGetValue(name, out var def)) _defs[name] = def = new Definition(name);
        def.Fn = null;
        p++;
        while (p < line.Length && line[p] is ' ' or '\t') p++;
        var value = line[p..];
        if (value.EndsWith('\\'))
        {
            var len = value.Length;
            while (len >= 2 && value[len - 2] is ' ' or '\t') len--;
            // The '\' becomes the line-end marker; a value of nothing but '\' is empty.
            value = len < 2 ? "" : value[..(len - 1)] + LineEnd;
            def.Multiline = true;
        }
        else def.Multiline = false;
        def.Value = value;
        return def;
    }

    /// <summary>
    /// Replaces each <c>$NAME</c>/<c>${NAME}</c> in <paramref name="line"/>, rescanning the
    /// replacement text. Returns false when nothing was replaced (or the line would exceed
    /// <paramref name="maxLength"/>). A multi-line value puts its first line in place and returns
    /// the rest in <paramref name="multiline"/>.
    /// </summary>
    public bool Replace(ref string line, int maxLength, ref string? multiline, Action<string> log)
    {
        var found = false;
        string? next = null;
        var pos = 0;
        while ((pos = line.IndexOf('$', pos)) >= 0 && pos + 1 < line.Length)
        {
            var def = Find(line, pos + 1, out var consumed);
            if (def is null)
            {
                pos++;
                continue;
            }
            found = true;
            next = multiline;
            if (def.Fn is not null) def.Value = def.Fn(def);
            string replacement;
            if (def.Multiline)
            {
                var end = def.Value.IndexOf(LineEnd);
                replacement = end < 0 ? def.Value : def.Value[..end];
                next = end < 0 ? null : def.Value[(end + 1)..];
                multiline = next;
            }
            else replacement = def.Value;
            if (line.Length + replacement.Length - consumed >= maxLength)
            {
                log($"Parameter substitution on line '{line}' would exceed maximum line length");
                return false;
            }
            line = string.Concat(line.AsSpan(0, pos), replacement, line.AsSpan(pos + consumed));
            if (def.Value.TrimStart(' ', '\t').StartsWith('~')) break;
        }
        if (found) multiline = next;
        return found;
    }

    /// <summary>find_definition for a use at <paramref name="start"/> (just after the '$'); <paramref name="consumed"/> counts the '$'.</summary>
    private Definition? Find(string line, int start, out int consumed)
    {
        consumed = 0;
        var braces = line[start] == '{';
        var nameStart = braces ? start + 1 : start;
        if (nameStart >= line.Length || !(char.IsAsciiLetter(line[nameStart]) || line[nameStart] == '_')) return null;
        var p = nameStart + 1;
        while (p < line.Length && (char.IsAsciiLetterOrDigit(line[p]) || line[p] == '_')) p++;
        var name = line[nameStart..p];
        int paramStart = -1, paramEnd = -1;
        if (braces)
        {
            while (p < line.Length && (line[p] == ' ' || char.IsAsciiDigit(line[p])))
            {
                if (line[p] != ' ')
                {
                    if (paramStart < 0) paramStart = p;
                    paramEnd = p;
                }
                p++;
            }
            if (paramStart >= 0 && paramEnd + 1 != p) return null;
            if (p >= line.Length || line[p] != '}') return null;
        }
        else if (p < line.Length && line[p] is not (' ' or '\t' or ',' or ')')) return null;
        // A multi-line definition can only be used at the end of a line.
        var atEnd = braces ? p + 1 == line.Length : p == line.Length;
        if (!_defs.TryGetValue(name, out var def) || !(atEnd || !def.Multiline)) return null;
        if (paramStart >= 0 && def.MaxParams == 0) return null;
        def.Params = paramStart >= 0 ? line[paramStart..(paramEnd + 1)] : null;
        consumed = braces ? p + 1 - start + 1 : p - start + 1;
        return def;
    }

    private void Standard(string name, string? value, Func<Definition, string>? fn, int maxParams) =>
        _defs[name] = new Definition(name) { Value = value ?? "", Fn = fn, MaxParams = maxParams };

    private string RandomValue(Definition def)
    {
        long min = 0, max = 32767;
        if (def.Params is { } p)
        {
            var parts = p.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && long.TryParse(parts[0], out var a)) min = a;
            if (parts.Length > 1 && long.TryParse(parts[1], out var b)) max = b;
        }
        if (max < min) (min, max) = (max, min);
        return (min + _random.NextInt64(max - min + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
