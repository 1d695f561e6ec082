using System.Text;
using System.Text.RegularExpressions;

namespace Keepalived.Actors.Config.Parser;

/// <summary>
/// glob(3) as keepalived calls it for <c>include</c>: brace expansion, <c>* ? [..]</c> per path
/// element (not matching a leading '.'), sorted results, directories marked with a trailing
/// '/'. Also counts what keepalived's GLOB_ALTDIRFUNC hooks count: literal paths that do not
/// exist and wildcard directories that cannot be opened.
/// </summary>
internal static class IncludeGlob
{
    public sealed record Result(IReadOnlyList<string> Paths, int MissingFiles, int MissingDirectories, bool HadWildcards);

    public static bool HasBrace(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\') i++;
            else if (pattern[i] == '{') return true;
        }
        return false;
    }

    /// <param name="cwd">Directory that relative patterns are resolved against.</param>
    public static Result Expand(string pattern, string cwd)
    {
        var paths = new List<string>();
        int missingFiles = 0, missingDirs = 0;
        var wildcards = false;
        foreach (var alternative in ExpandBraces(pattern))
        {
            var found = new List<string>();
            MatchOne(alternative, cwd, found, ref missingFiles, ref missingDirs, ref wildcards);
            found.Sort(StringComparer.Ordinal);
            paths.AddRange(found);
        }
        return new Result(paths, missingFiles, missingDirs, wildcards);
    }

    private static bool IsWild(string segment) => segment.IndexOfAny(['*', '?', '[']) >= 0;

    private static void MatchOne(string pattern, string cwd, List<string> found, ref int missingFiles,
        ref int missingDirs, ref bool wildcards)
    {
        if (!IsWild(pattern))
        {
            var full = Path.Combine(cwd, pattern);
            if (Directory.Exists(full)) found.Add(pattern.EndsWith('/') ? pattern : pattern + "/");
            else if (File.Exists(full)) found.Add(pattern);
            else missingFiles++;
            return;
        }
        wildcards = true;
        var absolute = pattern.StartsWith('/');
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefixes = new List<string> { absolute ? "/" : "" };
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            var next = new List<string>();
            foreach (var prefix in prefixes)
            {
                if (!IsWild(segments[i]))
                {
                    var candidate = prefix + segments[i];
                    var full = Path.Combine(cwd, candidate);
                    if (last ? File.Exists(full) || Directory.Exists(full) : Directory.Exists(full)) next.Add(candidate);
                    else if (last) missingFiles++;
                    continue;
                }
                var dir = Path.Combine(cwd, prefix.Length == 0 ? "." : prefix);
                if (!Directory.Exists(dir))
                {
                    missingDirs++;
                    continue;
                }
                var regex = SegmentRegex(segments[i]);
                foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
                {
                    var name = Path.GetFileName(entry);
                    if (name.StartsWith('.') && !segments[i].StartsWith('.')) continue;
                    if (regex.IsMatch(name)) next.Add(prefix + name);
                }
            }
            prefixes = next.Select(p => i < segments.Length - 1 ? p + "/" : p).ToList();
        }
        foreach (var p in prefixes)
            found.Add(Directory.Exists(Path.Combine(cwd, p)) && !p.EndsWith('/') ? p + "/" : p);
    }

    private static Regex SegmentRegex(string segment)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            switch (c)
            {
                case '*': sb.Append(".*"); break;
                case '?': sb.Append('.'); break;
                case '[':
                    var close = segment.IndexOf(']', i + 2);
                    if (close < 0) { sb.Append(@"\["); break; }
                    var set = segment[(i + 1)..close];
                    if (set.StartsWith('!')) set = "^" + set[1..];
                    sb.Append('[').Append(set.Replace("\\", @"\\")).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < segment.Length:
                    sb.Append(Regex.Escape(segment[++i].ToString()));
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>GLOB_BRACE: <c>a{b,c{d,e}}f</c> → abf, acdf, acef; unbalanced braces are literal.</summary>
    internal static IEnumerable<string> ExpandBraces(string pattern)
    {
        var open = -1;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\') { i++; continue; }
            if (pattern[i] == '{') { open = i; break; }
        }
        if (open < 0) return [pattern];
        var depth = 0;
        var parts = new List<string>();
        var start = open + 1;
        for (var i = open; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\') { i++; continue; }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0)
            {
                parts.Add(pattern[start..i]);
                var head = pattern[..open];
                var tail = pattern[(i + 1)..];
                return parts.SelectMany(p => ExpandBraces(head + p + tail)).ToList();
            }
            else if (c == ',' && depth == 1)
            {
                parts.Add(pattern[start..i]);
                start = i + 1;
            }
        }
        return [pattern];
    }
}
