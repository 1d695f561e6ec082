using System.Net;
using System.Security.Cryptography;
using System.Text;
using Keepalived.Actors.Check.Probes;

namespace Keepalived.Tests.Check.Probes;

/// <summary>HTTP_GET's request bytes and its reading of the answer's head (check_http.c), as pure functions.</summary>
public sealed class HttpParsingTests
{
    private static readonly IPEndPoint V4 = new(IPAddress.Parse("10.198.0.2"), 8080);
    private static readonly IPEndPoint V6 = new(IPAddress.Parse("fd00:198::2"), 443);

    [Theory]
    [InlineData("1.0", "GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 10.198.0.2:8080\r\n\r\n")]
    [InlineData("1.1", "GET /health HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: 10.198.0.2:8080\r\n\r\n")]
    [InlineData("1.0C", "GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: 10.198.0.2:8080\r\n\r\n")]
    public void Request_bytes_are_keepalived_templates(string protocol, string expected)
    {
        byte[] request = HttpRequest.Build("/health", protocol, HttpRequest.Host(null, V4));
        Assert.Equal(expected, Encoding.ASCII.GetString(request));
    }

    [Fact]
    public void Host_is_the_virtualhost_without_port_else_the_target_with_IPv6_brackets()
    {
        Assert.Equal("www.example.org", HttpRequest.Host("www.example.org", V4));
        Assert.Equal("10.198.0.2:8080", HttpRequest.Host(null, V4));
        Assert.Equal("[fd00:198::2]:443", HttpRequest.Host(null, V6));
        var scoped = new IPEndPoint(IPAddress.Parse("fe80::1%2"), 80);
        Assert.Equal("[fe80::1]:80", HttpRequest.Host(null, scoped));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n", 200)]
    [InlineData("HTTP/1.0 404 Not Found\r\n", 404)]
    [InlineData("HTTP/1.1 200 \r\n", 200)]
    [InlineData("HTTP/1.1 200\r\n", 0)]          // no space after the code: keepalived reads 0
    [InlineData("HTTP/1.1 2000 OK\r\n", 0)]
    [InlineData("HTTP/1.1 20 OK\r\n", 0)]
    [InlineData("HTTP/1.1  200 OK\r\n", 0)]      // a second space where the code starts
    [InlineData("HTTP/1.1 2x0 OK\r\n", 0)]
    [InlineData("garbage\r\n", 0)]
    [InlineData("", 0)]
    public void Status_code_needs_three_digits_and_a_space(string line, int expected) =>
        Assert.Equal(expected, HttpResponseHead.ExtractStatusCode(Encoding.ASCII.GetBytes(line)));

    [Fact]
    public void Head_ends_with_CRLFCRLF_and_the_body_follows()
    {
        byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        Assert.Equal(HttpResponseHead.ParseStatus.Complete, HttpResponseHead.TryParse(answer, out var head));
        Assert.Equal(200, head.StatusCode);
        Assert.Equal(5, head.ContentLength);
        Assert.Equal("hello", Encoding.ASCII.GetString(answer, head.HeadLength, answer.Length - head.HeadLength));
    }

    [Fact]
    public void Head_incomplete_until_CRLFCRLF()
    {
        byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nServer: x\r\n");
        Assert.Equal(HttpResponseHead.ParseStatus.Incomplete, HttpResponseHead.TryParse(answer, out _));
        Assert.Equal(HttpResponseHead.ParseStatus.Incomplete, HttpResponseHead.TryParse([], out _));
    }

    [Fact]
    public void Head_must_end_within_4095_bytes()
    {
        string start = "HTTP/1.0 200 OK\r\nX-Pad: ";
        // The CRLFCRLF ends exactly at byte 4095: accepted.
        string fits = start + new string('a', 4095 - start.Length - 4) + "\r\n\r\n";
        Assert.Equal(4095, fits.Length);
        Assert.Equal(HttpResponseHead.ParseStatus.Complete, HttpResponseHead.TryParse(Encoding.ASCII.GetBytes(fits + "body"), out var head));
        Assert.Equal(4095, head.HeadLength);
        // One byte more: it no longer fits keepalived's buffer.
        string over = start + new string('a', 4096 - start.Length - 4) + "\r\n\r\n";
        Assert.Equal(HttpResponseHead.ParseStatus.TooLong, HttpResponseHead.TryParse(Encoding.ASCII.GetBytes(over), out _));
        Assert.Equal(HttpResponseHead.ParseStatus.TooLong, HttpResponseHead.TryParse(new byte[4095], out _));
    }

    [Fact]
    public void A_NUL_byte_ends_the_head_as_in_a_C_string()
    {
        byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\nX: a\0b\r\n\r\n");
        Assert.Equal(HttpResponseHead.ParseStatus.TooLong, HttpResponseHead.TryParse(answer, out _));
    }

    [Theory]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 42\r\n\r\n", 42L)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length:7\r\n\r\n", 7L)]
    [InlineData("HTTP/1.0 200 OK\r\ncontent-length: 42\r\n\r\n", null)]   // exact case only (strstr)
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: x\r\n\r\n", null)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 5 \r\n\r\n", null)]   // strtoul must stop at CR or LF
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 5;\r\n\r\n", null)]
    [InlineData("HTTP/1.0 200 OK\r\n\r\n", null)]
    public void Content_length_is_matched_with_its_exact_case(string head, long? expected) =>
        Assert.Equal(expected, HttpResponseHead.ExtractContentLength(Encoding.ASCII.GetBytes(head)));

    [Fact]
    public void Digest_covers_at_most_content_length_bytes()
    {
        byte[] body = Encoding.ASCII.GetBytes("hello world");
        byte[] ofHello = MD5.HashData("hello"u8);
        byte[] ofAll = MD5.HashData(body);
        Assert.True(HttpBodyCheck.DigestMatches(body, 5, ofHello));
        Assert.False(HttpBodyCheck.DigestMatches(body, 5, ofAll));
        Assert.True(HttpBodyCheck.DigestMatches(body, null, ofAll));
        // A Content-Length larger than the body: the digest of what came (keepalived only logs the mismatch).
        Assert.True(HttpBodyCheck.DigestMatches(body, 100, ofAll));
    }

    [Fact]
    public void Digest_is_the_same_when_the_body_comes_in_pieces()
    {
        byte[] digest = MD5.HashData("abcdef"u8);
        using var check = new HttpBodyCheck(digest, null, null);
        check.Append("ab"u8);
        check.Append("cde"u8);
        check.Append("f"u8);
        Assert.Null(check.Verdict());
        Assert.Equal(6, check.BodyLength);
    }

    [Fact]
    public void Regex_runs_on_the_body_with_no_match_and_offsets()
    {
        var timeout = TimeSpan.FromSeconds(1);
        Assert.Null(new HttpUrlRegex("status: (up|ok)", [], false, 0, null, timeout).Verdict("x status: ok"));
        Assert.NotNull(new HttpUrlRegex("status: (up|ok)", [], false, 0, null, timeout).Verdict("status: down"));
        Assert.NotNull(new HttpUrlRegex("error", [], true, 0, null, timeout).Verdict("an error"));
        Assert.Null(new HttpUrlRegex("error", [], true, 0, null, timeout).Verdict("all fine"));
        Assert.NotNull(new HttpUrlRegex("OK", [], false, 0, null, timeout).Verdict("ok"));
        Assert.Null(new HttpUrlRegex("OK", ["caseless"], false, 0, null, timeout).Verdict("ok"));
        // The match must start at min_offset or later, and no later than max_offset.
        Assert.NotNull(new HttpUrlRegex("ab", [], false, 3, null, timeout).Verdict("ab----"));
        Assert.Null(new HttpUrlRegex("ab", [], false, 3, null, timeout).Verdict("ab-ab-"));
        Assert.NotNull(new HttpUrlRegex("ab", [], false, 0, 2, timeout).Verdict("---ab"));
        Assert.StartsWith("invalid regex", new HttpUrlRegex("(", [], false, 0, null, timeout).Verdict("x"));
    }

    [Fact]
    public void Head_parser_survives_random_bytes()
    {
        var random = new Random(1234);
        var completes = 0;
        for (var i = 0; i < 20000; i++)
        {
            var data = new byte[random.Next(0, 5000)];
            random.NextBytes(data);
            if (random.Next(4) == 0 && data.Length > 40)
                "HTTP/1.1 200 OK\r\n\r\n"u8.CopyTo(data.AsSpan(random.Next(0, data.Length - 20)));
            var status = HttpResponseHead.TryParse(data, out var head);
            if (status == HttpResponseHead.ParseStatus.Complete)
            {
                completes++;
                Assert.InRange(head.HeadLength, 4, HttpResponseHead.MaxHeadLength);
                Assert.InRange(head.StatusCode, 0, 999);
            }
            else if (data.Length >= HttpResponseHead.MaxHeadLength)
                Assert.Equal(HttpResponseHead.ParseStatus.TooLong, status);
        }
        Assert.True(completes > 0);
    }
}
