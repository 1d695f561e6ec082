using System.Security.Cryptography;
using System.Text;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// What a url asks of the body (check_http.c http_handle_response): the MD5 digest, over at
/// most Content-Length bytes when that header is present (a shorter body is only logged by
/// keepalived), then the regex (or regex_no_match). The body is fed in pieces; only the regex
/// keeps it, and the caller caps how much it reads.
/// </summary>
internal sealed class HttpBodyCheck : IDisposable
{
    private readonly byte[]? _digest;
    private readonly HttpUrlRegex? _regex;
    private readonly IncrementalHash? _md5;
    private readonly MemoryStream? _text;
    private long _remainingForDigest;

    public HttpBodyCheck(byte[]? digest, HttpUrlRegex? regex, long? contentLength)
    {
        _digest = digest;
        _regex = regex;
        if (digest is not null) _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        if (regex is not null) _text = new MemoryStream();
        _remainingForDigest = contentLength ?? long.MaxValue;
    }

    public long BodyLength { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        BodyLength += data.Length;
        if (_md5 is not null && _remainingForDigest > 0)
        {
            var n = (int)Math.Min(data.Length, _remainingForDigest);
            _md5.AppendData(data[..n]);
            _remainingForDigest -= n;
        }
        _text?.Write(data);
    }

    /// <summary>Null when the body passes, else why it fails.</summary>
    public string? Verdict()
    {
        if (_md5 is not null && _digest is not null)
        {
            Span<byte> actual = stackalloc byte[16];
            _md5.GetHashAndReset(actual);
            if (!actual.SequenceEqual(_digest))
                return $"MD5 digest error: got {Convert.ToHexStringLower(actual)}, expected {Convert.ToHexStringLower(_digest)}";
        }
        if (_regex is not null && _text is not null)
        {
            var body = Encoding.Latin1.GetString(_text.GetBuffer(), 0, (int)_text.Length);
            return _regex.Verdict(body);
        }
        return null;
    }

    public void Dispose()
    {
        _md5?.Dispose();
        _text?.Dispose();
    }

    /// <summary>Just the digest test, for unit tests: MD5 of <paramref name="body"/> within Content-Length.</summary>
    public static bool DigestMatches(ReadOnlySpan<byte> body, long? contentLength, byte[] digest)
    {
        using var check = new HttpBodyCheck(digest, null, contentLength);
        check.Append(body);
        return check.Verdict() is null;
    }
}
