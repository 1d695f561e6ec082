using System.Globalization;

namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// Loops: <c>~SEQ(var, start, step, end) text</c> (also <c>~SEQ(var, end)</c>,
/// <c>~SEQ(var, start, end)</c>, and <c>~SEQx</c> for hex) and
/// <c>~LST({a,b}, {1,2}, {3,4}) text</c> repeat the text with the variables set, as
/// keepalived's <c>add_seq</c>/<c>add_lst</c>. The newest loop runs first (they nest).
/// </summary>
internal sealed class Sequences(Definitions definitions, Action<string> error)
{
    private readonly List<Loop> _loops = [];
    private long _produced;

    /// <summary>Lines all loops together may produce; keepalived has no limit (a typo could loop for hours).</summary>
    public const long MaxLines = 2_000_000;

    private abstract class Loop(string text)
    {
        public string Text { get; } = text;
        /// <summary>Sets the variables for the next round; false once this was the last.</summary>
        public abstract bool Next(Definitions defs);
    }

    private sealed class Seq(string var, long start, long step, long last, bool hex, string text) : Loop(text)
    {
        private long _next = start;

        public override bool Next(Definitions defs)
        {
            defs.Set(var, hex ? _next.ToString("x", CultureInfo.InvariantCulture) : _next.ToString(CultureInfo.InvariantCulture));
            _next += step;
            return !(step > 0 && _next > last || step < 0 && _next < last);
        }
    }

    private sealed class Lst(List<string> names, List<List<string>> sets, string text) : Loop(text)
    {
        private int _index;

        public override bool Next(Definitions defs)
        {
            var values = sets[_index++];
            for (var i = 0; i < names.Count; i++) defs.Set(names[i], values[i]);
            return _index < sets.Count;
        }
    }

    public int Count => _loops.Count;

    /// <summary>The text of the next round of the innermost loop, with its variables set.</summary>
    public string NextLine()
    {
        if (++_produced > MaxLines)
        {
            error($"~SEQ/~LST loops produced more than {MaxLines} lines - stopping them");
            _loops.Clear();
            return "";
        }
        var loop = _loops[^1];
        if (!loop.Next(definitions)) _loops.RemoveAt(_loops.Count - 1);
        return loop.Text;
    }

    /// <summary>Parses a <c>~SEQ</c> line; false (with a report) when invalid.</summary>
    public bool AddSeq(string line)
    {
        var p = 4;
        var hex = p < line.Length && line[p] == 'x';
        if (hex) p++;
        p = SkipBlanks(line, p);
        if (p >= line.Length || line[p++] != '(') return false;
        p = SkipBlanks(line, p);
        var varStart = p;
        while (p < line.Length && line[p] is not (' ' or '\t' or ',' or ')')) p++;
        var name = line[varStart..p];
        p = SkipBlanks(line, p);
        if (p >= line.Length || line[p] == ')' || p == varStart)
        {
            error($"Invalid ~SEQ definition '{line}'");
            return false;
        }
        p = SkipBlanks(line, p + 1);
        var close = line.IndexOf(')', p);
        if (close < 0)
        {
            error($"Invalid ~SEQ definition '{line}'");
            return false;
        }
        var args = line[p..(close + 1)];
        if (args.Length + 1 > 3 * 20 + 3 + 1)
        {
            error($"~SEQ parameter strings too long '{line}'");
            return false;
        }
        string? multiline = null;
        definitions.Replace(ref args, 64, ref multiline, _ => { });
        if (multiline is not null)
        {
            error($"~SEQ parameter is multiline definition '{line}'");
            return false;
        }
        var numbers = args.TrimEnd().TrimEnd(')').Split(',');
        if (numbers.Length > 3 || !numbers.All(n => TryStrtol(n, out _)))
        {
            error($"Invalid ~SEQ definition '{line}'");
            return false;
        }
        var v = numbers.Select(n => { TryStrtol(n, out var x); return x; }).ToArray();
        long start, step, end;
        switch (v.Length)
        {
            case 1:
                end = v[0];
                step = end < 1 ? -1 : 1;
                start = end < 0 ? -1 : 1;
                break;
            case 2:
                (start, end) = (v[0], v[1]);
                step = start <= end ? 1 : -1;
                break;
            default:
                (start, step, end) = (v[0], v[1], v[2]);
                if (step == 0 || start < end && step < 0 || start > end && step > 0)
                {
                    error($"Invalid ~SEQ values '{line}'");
                    return false;
                }
                break;
        }
        if (hex && (start < 0 || end < 0))
        {
            error($"~SEQx is only valid for positive numbers '{line}'");
            return false;
        }
        _loops.Add(new Seq(name, start, step, end, hex, SkipBlanks(line, close + 1) is var t && t <= line.Length ? line[t..] : ""));
        return true;
    }

    /// <summary>Parses a <c>~LST</c> line; false when invalid.</summary>
    public bool AddLst(string line)
    {
        var p = SkipBlanks(line, 4);
        if (p >= line.Length || line[p++] != '(') return false;
        p = SkipBlanks(line, p);
        var names = ReadGroup(line, ref p, isNames: true);
        if (names is null || p >= line.Length || line[p++] != ',') return false;
        var sets = new List<List<string>>();
        while (true)
        {
            p = SkipBlanks(line, p);
            var values = ReadGroup(line, ref p, isNames: false);
            if (values is null) return false;
            if (values.Count > names.Count)
            {
                error($"~LST specification has too many values '{line}'");
                return false;
            }
            while (values.Count < names.Count) values.Add("");
            sets.Add(values);
            if (p < line.Length && line[p] == ')') break;
            if (p >= line.Length || line[p] != ',') return false;
            p++;
        }
        if (names.Count == 0 || sets.Count == 0) return false;
        _loops.Add(new Lst(names, sets, line[SkipBlanks(line, p + 1)..]));
        return true;
    }

    /// <summary>Either <c>{a, b}</c> or a single item; leaves <paramref name="p"/> after it and its trailing blanks.</summary>
    private static List<string>? ReadGroup(string line, ref int p, bool isNames)
    {
        var braced = p < line.Length && line[p] == '{';
        if (braced) p = SkipBlanks(line, p + 1);
        var stops = isNames ? " \t,}" : " \t,})";
        var items = new List<string>();
        while (true)
        {
            var start = p;
            while (p < line.Length && !stops.Contains(line[p])) p++;
            items.Add(line[start..p]);
            p = SkipBlanks(line, p);
            if (p >= line.Length) return null;
            if (braced ? line[p] == '}' : line[p] is ',' or ')') break;
            if (line[p] != ',') return null;
            p = SkipBlanks(line, p + 1);
        }
        if (braced) p = SkipBlanks(line, p + 1);
        return items;
    }

    private static int SkipBlanks(string s, int p)
    {
        while (p < s.Length && s[p] is ' ' or '\t') p++;
        return p;
    }

    /// <summary>strtol with base 0: decimal, 0x hex, leading 0 octal, surrounding blanks allowed.</summary>
    private static bool TryStrtol(string s, out long value)
    {
        s = s.Trim(' ', '\t');
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+')) s = s[1..];
        var ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : s.Length > 1 && s[0] == '0'
                ? TryOctal(s, out value)
                : long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (negative) value = -value;
        return ok;
    }

    private static bool TryOctal(string s, out long value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '7') return false;
            value = value * 8 + (c - '0');
        }
        return true;
    }
}
