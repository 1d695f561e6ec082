using System.Text;

namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// keepalived's alloc_strvec_quoted_escaped: splits a line into words where '...' and "..."
/// quote (the quotes dropped, quoted parts joined to their neighbours) and backslash escapes
/// (\n, \t, \xHH, \NNN octal, \cX, \", ...) are decoded. Script command lines are read this way.
/// </summary>
public static class QuotedWords
{
    private const string WhiteSpace = " \t\f\n\r\v";

    /// <summary>The words, or null for no words or a bad line (reported / logged as keepalived does).</summary>
    public static IReadOnlyList<string>? Split(string src, ConfigParser parser)
    {
        var words = new List<string>();
        var i = 0;
        while (i < src.Length)
        {
            while (i < src.Length && WhiteSpace.Contains(src[i])) i++;
            if (i >= src.Length) break;
            var word = new StringBuilder();
            char quote = '\0';
            while (i < src.Length)
            {
                var c = src[i];
                if (c == '\\')
                {
                    if (++i >= src.Length)
                    {
                        parser.Log($"Missing escape char at end: '{src}'");
                        return null;
                    }
                    word.Append(Escape(src, ref i));
                    continue;
                }
                if (quote != '\0')
                {
                    if (c == quote) quote = '\0';
                    else word.Append(c);
                    i++;
                    continue;
                }
                if (c is '"' or '\'')
                {
                    quote = c;
                    i++;
                    continue;
                }
                if (WhiteSpace.Contains(c)) break;
                word.Append(c);
                i++;
            }
            if (quote != '\0')
            {
                parser.Report(ConfigErrorKind.UnmatchedQuote, $"String '{src}': missing terminating {quote}");
                return null;
            }
            words.Add(word.ToString());
        }
        return words.Count == 0 ? null : words;
    }

    /// <summary>Decodes the escape at <paramref name="i"/> (just after the backslash).</summary>
    private static char Escape(string s, ref int i)
    {
        var c = s[i];
        if (c == 'x' && i + 1 < s.Length && char.IsAsciiHexDigit(s[i + 1]))
        {
            var v = 0;
            i++;
            while (i < s.Length && char.IsAsciiHexDigit(s[i])) v = (v << 4) | Convert.ToInt32(s[i++].ToString(), 16);
            return (char)(byte)v;
        }
        if (c == 'c' && i + 1 < s.Length)
        {
            i += 2;
            return (char)(s[i - 1] & 0x1f);
        }
        if (c is >= '0' and <= '7')
        {
            var v = c - '0';
            i++;
            for (var n = 0; n < 2 && i < s.Length && s[i] is >= '0' and <= '7'; n++) v = (v << 3) + (s[i++] - '0');
            return (char)(byte)v;
        }
        i++;
        return c switch
        {
            'a' => '\a',
            'b' => '\b',
            'E' => '\x1b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            _ => c,
        };
    }
}
