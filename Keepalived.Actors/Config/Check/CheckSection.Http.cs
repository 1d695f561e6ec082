using System.Globalization;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>HTTP_GET and SSL_GET with their url blocks (check_http.c).</summary>
public sealed partial class CheckSection
{
    private static readonly string[] RegexOptionNames =
    [
        "allow_empty_class", "alt_bsux", "auto_callout", "caseless", "dollar_endonly", "dotall", "dupnames",
        "extended", "firstline", "match_unset_backref", "multiline", "never_ucp", "never_utf", "no_auto_capture",
        "no_auto_possess", "no_dotstar_anchor", "no_start_optimize", "ucp", "ungreedy", "utf", "never_backslash_c",
        "alt_circumflex", "alt_verbnames", "use_offset_limit",
    ];

    // keepalived keeps the pattern (and options) being configured outside the url: a pattern
    // of a url dropped for having no path carries over to the next url.
    private string? _regexPattern;
    private List<string> _regexOptions = [];

    private HttpChecker Http => Current as HttpChecker ?? new HttpChecker(false, Context.Here());

    private HttpUrl Url => Http.Urls.LastOrDefault() ?? new HttpUrl();

    private void InstallHttpCheck(KeywordTable rs, string keyword) => rs.Block(keyword, _ =>
        Queue(new HttpChecker(keyword == "SSL_GET", Context.Here()), true), k =>
    {
        InstallCommon(k, true);
        k.Add("nb_get_retry", t =>
        {
            Context.Report(ConfigErrorKind.GeneralError, "nb_get_retry is deprecated - please use 'retry'");
            if (Unsigned(t, 0, uint.MaxValue, true, v => $"Invalid nb_get_retry value '{v}'", out var retry)) Current.Retry = retry;
        });
        k.Add("virtualhost", t => Text(t, "HTTP_GET virtualhost name missing", v => Http.VirtualHost = v));
        k.Add("http_protocol", HttpProtocol);
        k.Add("enable_sni", t => { if (Flag(t, v => $"Invalid enable_sni parameter {v}", out var value)) Http.EnableSni = value; });
        k.Add("fast_recovery", t => { if (Flag(t, v => $"Invalid fast_recovery parameter {v}", out var value)) Http.FastRecovery = value; });
        k.Block("url", _ =>
        {
            Http.Urls.Add(new HttpUrl());
            _regexOptions = [];
        }, InstallUrlKeywords, UrlClose);
    }, () =>
    {
        if (Http.Urls.Count == 0)
        {
            Context.Report(ConfigErrorKind.GeneralError, "HTTP/SSL_GET checker has no urls specified - ignoring");
            Dequeue();
            return;
        }
        CloseIfBadConnection();
    });

    private void HttpProtocol(Tokens t)
    {
        if (t.Count < 2)
        {
            Context.Report(ConfigErrorKind.GeneralError, "Missing http_protocol version");
            return;
        }
        var version = t[1] switch
        {
            "1.0" or "1.1" => t[1],
            "1.0C" or "1.0c" => "1.0C",
            _ => null,
        };
        if (version is null) Context.Report(ConfigErrorKind.GeneralError, $"Invalid http_protocol version {t[1]}");
        else Http.HttpProtocol = version;
    }

    private void InstallUrlKeywords(KeywordTable k)
    {
        k.Add("path", t => Url.Path = t[1]);
        k.Add("digest", Digest);
        k.Add("status_code", StatusCodes);
        k.Add("virtualhost", t => Text(t, "Missing HTTP_GET virtualhost name", v => Url.VirtualHost = v));
        k.Add("regex", t =>
        {
            var words = QuotedWords.Split(t.Line, Parser);
            if (words is not { Count: 2 }) Parser.Log("regex missing or too many fields");
            else _regexPattern = words[1];
        });
        k.Add("regex_no_match", _ => Url.RegexNoMatch = true);
        k.Add("regex_options", t => _regexOptions.AddRange(t.From(1).Where(o => RegexOptionNames.Contains(o) && !_regexOptions.Contains(o))));
        k.Add("regex_min_offset", t => Url.RegexMinOffset = RegexOffset(t, "min"));
        k.Add("regex_max_offset", t => Url.RegexMaxOffset = RegexOffset(t, "max"));
        k.Add("regex_stack", RegexStack);
    }

    private void Digest(Tokens t)
    {
        var digest = t[1];
        if (Url.Digest is not null)
        {
            Context.Report(ConfigErrorKind.GeneralError, $"Digest '{digest}' is a duplicate");
            return;
        }
        var length = System.Text.Encoding.UTF8.GetByteCount(digest);
        if (length != 32 || digest.Length != 32)
        {
            Context.Report(ConfigErrorKind.GeneralError, $"digest '{digest}' character length should be 32 rather than {length}");
            return;
        }
        var bytes = new byte[16];
        // keepalived converts from the last octet back, cutting the text as it goes.
        for (var i = 15; i >= 0; i--)
        {
            if (!byte.TryParse(digest.AsSpan(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Unable to interpret hex digit in '{digest[..(2 * i + 2)]}' at offset {2 * i}/{2 * i + 1}");
                return;
            }
        }
        Url.Digest = bytes;
    }

    /// <summary>status_code: codes and ranges (200-299), each in 100-599.</summary>
    private void StatusCodes(Tokens t)
    {
        foreach (var word in t.From(1))
        {
            var dash = word.IndexOf('-');
            var ok = UInt(dash < 0 ? word : word[..dash], out var min);
            var max = min;
            if (ok && dash >= 0) ok = UInt(word[(dash + 1)..], out max);
            if (!ok || min < 100 || min > 599 || max < 100 || max > 599 || min > max)
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Invalid HTTP_GET status code '{word}'");
                continue;
            }
            for (var code = min; code <= max; code++) Url.StatusCodes.Add((int)code);
        }

        static bool UInt(string s, out ulong v) => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);
    }

    private ulong RegexOffset(Tokens t, string type)
    {
        if (t.Count != 2)
        {
            Parser.Log($"Missing or too may options for regex_{type}_offset");
            return 0;
        }
        if (!ulong.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            Parser.Log($"Invalid regex_{type}_offset {t[1]} specified");
            return 0;
        }
        return value;
    }

    private void RegexStack(Tokens t)
    {
        if (t.Count != 3)
        {
            Parser.Log("regex_stack requires start and max values");
            return;
        }
        if (!ulong.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            Parser.Log("regex_stack invalid start value");
        else if (!ulong.TryParse(t[2], NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            Parser.Log("regex_stack invalid max value");
        else if (start > max)
            Parser.Log("regex stack start cannot exceed max value");
        else
            Url.RegexStack = (start, max);
    }

    /// <summary>url_check: a url needs a path; default status codes 200-299; regex settings need a regex.</summary>
    private void UrlClose()
    {
        var url = Url;
        if (url.Path is null)
        {
            Context.Report(ConfigErrorKind.GeneralError, "HTTP/SSL_GET checker url has no path - ignoring");
            Http.Urls.Remove(url);
            return;
        }
        if (url.StatusCodes.Count == 0)
            for (var code = 200; code <= 299; code++) url.StatusCodes.Add(code);
        if (_regexPattern is not null)
        {
            url.Regex = _regexPattern;
            url.RegexOptions.AddRange(_regexOptions);
            _regexPattern = null;
        }
        else if (_regexOptions.Count > 0 || url.RegexNoMatch || url.RegexMinOffset != 0 || url.RegexMaxOffset is not null || url.RegexStack is not null)
        {
            Parser.Log("regex parameters specified without regex");
            _regexOptions = [];
            url.RegexNoMatch = false;
            url.RegexMinOffset = 0;
            url.RegexMaxOffset = null;
            url.RegexStack = null;
        }
        if (url.RegexMaxOffset is { } maxOffset && url.RegexMinOffset >= maxOffset + 1)
        {
            Parser.Log($"regex min offset {url.RegexMinOffset} > regex_max_offset {maxOffset} - ignoring");
            url.RegexMinOffset = 0;
            url.RegexMaxOffset = null;
        }
    }
}
