using System.Text;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// keepalived's alloc_strvec_quoted_escaped: splits a script line into words, honouring
/// '...' and "..." quoting and backslash escapes (\n, \t, \xHH, \cX, octal ...).
/// </summary>
internal static class ScriptWords
{
    private const string Blanks = " \t\f\n\r\v";

    /// <summary>The words, or null for none or on an error (an unmatched quote is reported).</summary>
    public static List<string>? Split(string source, ConfigParser parser)
    {
        var words = new List<string>();
        var i = 0;
        while (i < source.Length)
        {
            while (i < source.Length && Blanks.Contains(source[i])) i++;
            if (i >= source.Length) break;
            var word = new StringBuilder();
            char quote = '\0';
            while (i < source.Length)
            {
                var c = source[i];
                if (c == '\\')
                {
                    i++;
                    if (i >= source.Length)
                    {
                        parser.Log($"Missing escape char at end: '{source}'");
                        return null;
                    }
                    word.Append(Unescape(source, ref i));
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
                if (Blanks.Contains(c)) break;
                word.Append(c);
                i++;
            }
            if (quote != '\0')
            {
                parser.Report(ConfigErrorKind.UnmatchedQuote, $"String '{source}': missing terminating {quote}");
                return null;
            }
            words.Add(word.ToString());
        }
        return words.Count == 0 ? null : words;
    }

    private static char Unescape(string s, ref int i)
    {
        var c = s[i];
        if (c == 'x' && i + 1 < s.Length && Uri.IsHexDigit(s[i + 1]))
        {
            var v = 0;
            i++;
            while (i < s.Length && Uri.IsHexDigit(s[i])) v = ((v << 4) | Convert.ToInt32(s[i++].ToString(), 16)) & 0xff;
            return (char)v;
        }
        if (c == 'c' && i + 1 < s.Length)
        {
            i += 2;
            return (char)(s[i - 1] & 0x1f);
        }
        if (c is >= '0' and <= '7')
        {
            var v = s[i++] - '0';
            for (var n = 0; n < 2 && i < s.Length && s[i] is >= '0' and <= '7'; n++) v = ((v << 3) + s[i++] - '0') & 0xff;
            return (char)v;
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
