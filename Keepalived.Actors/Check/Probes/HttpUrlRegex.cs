using System.Text.RegularExpressions;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// A url's regex (PCRE2 in keepalived) with regex_no_match and the offsets: a match must start
/// at regex_min_offset or later and no later than regex_max_offset. The body is read as
/// Latin-1 so each byte is one character, as PCRE2 matches without its utf option.
/// </summary>
public sealed class HttpUrlRegex
{
    private readonly Regex? _regex;
    private readonly string? _error;
    private readonly bool _noMatch;
    private readonly ulong _minOffset;
    private readonly ulong? _maxOffset;

    public HttpUrlRegex(string pattern, IEnumerable<string> options, bool noMatch, ulong minOffset, ulong? maxOffset, TimeSpan matchTimeout)
    {
        _noMatch = noMatch;
        _minOffset = minOffset;
        _maxOffset = maxOffset;
        try
        {
            _regex = new Regex(pattern, Options(options), matchTimeout);
        }
        catch (ArgumentException e)
        {
            _error = $"invalid regex: {e.Message}";
        }
    }

    /// <summary>The PCRE2 options that have a .NET equivalent; the others do not change matching of ASCII text much.</summary>
    public static RegexOptions Options(IEnumerable<string> options)
    {
        var result = RegexOptions.CultureInvariant;
        foreach (var option in options)
            result |= option switch
            {
                "caseless" => RegexOptions.IgnoreCase,
                "multiline" => RegexOptions.Multiline,
                "dotall" => RegexOptions.Singleline,
                "extended" => RegexOptions.IgnorePatternWhitespace,
                "no_auto_capture" => RegexOptions.ExplicitCapture,
                _ => RegexOptions.None,
            };
        return result;
    }

    /// <summary>Null when the body passes.</summary>
    public string? Verdict(string body)
    {
        if (_regex is null) return _error;
        bool matched;
        try
        {
            var start = (int)Math.Min(_minOffset, (ulong)body.Length);
            var match = _regex.Match(body, start);
            matched = match.Success && (_maxOffset is not { } max || (ulong)match.Index <= max);
        }
        catch (RegexMatchTimeoutException)
        {
            return "regex match timed out";
        }
        return matched == _noMatch ? (_noMatch ? "regex matched (regex_no_match)" : "regex did not match") : null;
    }
}
