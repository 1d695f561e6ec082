using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config.Check;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Check.Probes;

/// <summary>HTTP_GET against real servers, good and hostile, inside a test namespace.</summary>
public sealed class HttpProbeTests
{
    private const int Port = 8080;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    internal static HttpProbe Probe(int port, Action<HttpChecker>? configure = null, double connectTimeout = 3, ProbeLimits? limits = null,
        bool ssl = false, string? vsVirtualHost = null, SslConfig? sslConfig = null)
    {
        var http = new HttpChecker(ssl, default);
        http.Urls.Add(new HttpUrl { Path = "/health" });
        configure?.Invoke(http);
        var rs = new RealServer(new InetAddress(ProbeLab.Server, (ushort)port), default);
        http.Connection = new ConnectionOptions { Destination = rs.Address, ConnectTimeout = TimeSpan.FromSeconds(connectTimeout) };
        var vs = new VirtualServer(default) { VirtualHost = vsVirtualHost };
        return (HttpProbe)ProbeFactory.Create(http, rs, vs, new CheckConfig { Ssl = sslConfig }, limits ?? ProbeLimits.Default)!;
    }

    [RootFact]
    public async Task Up_on_200_with_keepalived_request_bytes()
    {
        using var lab = ProbeLab.Create();
        var requests = new ConcurrentQueue<byte[]>();
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n", "ok"), requests));
        var (result, elapsed) = await lab.Probe(Probe(Port));
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.True(requests.TryDequeue(out byte[]? request));
        Assert.Equal("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 10.198.0.1:8080\r\n\r\n", Encoding.ASCII.GetString(request));
        Assert.True(elapsed < TimeSpan.FromSeconds(3) + Slack, $"{elapsed}");
    }

    [RootFact]
    public async Task Over_IPv6_the_Host_has_brackets()
    {
        using var lab = ProbeLab.Create();
        var requests = new ConcurrentQueue<byte[]>();
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer("HTTP/1.0 200 OK\r\n\r\n"), requests), IPAddress.IPv6Loopback);
        var http = new HttpChecker(false, default);
        http.Urls.Add(new HttpUrl { Path = "/" });
        var rs = new RealServer(new InetAddress(IPAddress.IPv6Loopback, Port), default);
        http.Connection = new ConnectionOptions { Destination = rs.Address, ConnectTimeout = TimeSpan.FromSeconds(3) };
        IProbe probe = ProbeFactory.Create(http, rs, new VirtualServer(default), new CheckConfig(), ProbeLimits.Default)!;
        var (result, _) = await lab.Probe(probe);
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.True(requests.TryDequeue(out byte[]? request));
        Assert.Contains("\r\nHost: [::1]:8080\r\n", Encoding.ASCII.GetString(request));
    }

    [RootFact]
    public async Task A_bad_status_still_reads_to_the_end_as_keepalived()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer("HTTP/1.0 503 Busy\r\n\r\n", "later"), keepOpen: true));
        var (result, elapsed) = await lab.Probe(Probe(Port, connectTimeout: 1));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("timeout", result.Reason);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + Slack);
    }

    [RootFact]
    public async Task The_step_chooses_the_url()
    {
        using var lab = ProbeLab.Create();
        var requests = new ConcurrentQueue<byte[]>();
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer("HTTP/1.1 200 OK\r\n\r\n"), requests));
        HttpProbe probe = Probe(Port, http =>
        {
            http.HttpProtocol = "1.1";
            http.Urls.Add(new HttpUrl { Path = "/second", VirtualHost = "www.example.test" });
        });
        var (result, _) = await lab.Probe(probe, step: 1);
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.True(requests.TryDequeue(out byte[]? request));
        Assert.Equal("GET /second HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.test\r\n\r\n", Encoding.ASCII.GetString(request));
    }

    [RootTheory]
    [InlineData("HTTP/1.0 404 Not Found\r\n\r\n", "status_code [404]")]
    [InlineData("HTTP/1.0 500 Oops\r\n\r\n", "status_code [500]")]
    [InlineData("HTTP/1.1 200\r\n\r\n", "status_code [0]")]           // no space after the code
    [InlineData("HTTP/1.0 200 OK\r\nServ", "before the end of the HTTP header")]   // closed mid-line
    [InlineData("", "without an answer")]
    public async Task Down_on_a_bad_answer(string answer, string reason)
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer(answer)));
        var (result, _) = await lab.Probe(Probe(Port));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains(reason, result.Reason);
    }

    [RootFact]
    public async Task Accepted_status_codes_are_the_urls()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer("HTTP/1.0 404 Not Found\r\n\r\n")));
        var (result, _) = await lab.Probe(Probe(Port, http => http.Urls[0].StatusCodes.Add(404)));
        Expect.Verdict(ProbeVerdict.Success, result);
    }

    [RootTheory]
    [InlineData("hello world", null, "hello world", true)]
    [InlineData("hello world", null, "hello", false)]
    [InlineData("hello world", 5L, "hello", true)]       // the digest stops at Content-Length
    public async Task Digest_of_the_body(string body, long? contentLength, string digestOf, bool up)
    {
        using var lab = ProbeLab.Create();
        string head = contentLength is { } length ? $"HTTP/1.0 200 OK\r\nContent-Length: {length}\r\n\r\n" : "HTTP/1.0 200 OK\r\n\r\n";
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer(head, body)));
        var (result, _) = await lab.Probe(Probe(Port, http => http.Urls[0].Digest = MD5.HashData(Encoding.ASCII.GetBytes(digestOf))));
        Expect.Verdict(up ? ProbeVerdict.Success : ProbeVerdict.Failure, result);
        if (!up) Assert.Contains("MD5 digest error", result.Reason);
    }

    [RootTheory]
    [InlineData("status=green", false, true)]
    [InlineData("status=red", false, false)]
    [InlineData("status=green", true, false)]
    public async Task Regex_on_the_body(string body, bool noMatch, bool up)
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer("HTTP/1.0 200 OK\r\n\r\n", body)));
        var (result, _) = await lab.Probe(Probe(Port, http =>
        {
            http.Urls[0].Regex = "status=gr[e]+n";
            http.Urls[0].RegexNoMatch = noMatch;
        }));
        Expect.Verdict(up ? ProbeVerdict.Success : ProbeVerdict.Failure, result);
    }

    [RootFact]
    public async Task A_server_that_keeps_the_connection_open_fails_at_connect_timeout()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer("HTTP/1.0 200 OK\r\n\r\n", "ok"), keepOpen: true));
        var (result, elapsed) = await lab.Probe(Probe(Port, connectTimeout: 1));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("reading answer: timeout after 1 s", result.Reason);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + Slack);
    }

    [RootFact]
    public async Task A_tarpit_that_accepts_and_never_answers_fails_at_connect_timeout()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Tarpit);
        var (result, elapsed) = await lab.Probe(Probe(Port, connectTimeout: 1));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("timeout", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(1) + Slack, $"{elapsed}");
        Assert.False(server.Peers.IsEmpty);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancellation_while_reading_ends_the_run_promptly(bool ssl)
    {
        using var lab = ProbeLab.Create();
        var tls = new TlsTestServer("www.example.test");
        using var server = lab.Tcp(Port, ssl
            ? tls.Respond(HttpTestServer.Answer("HTTP/1.0 200 OK\r\n\r\n"), closeNotify: true, askClientCertificate: false, holdBeforeAnswer: true)
            : HttpTestServer.Respond(HttpTestServer.Answer("HTTP/1.0 200 OK\r\n\r\n"), keepOpen: true));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var (result, elapsed) = await lab.Probe(Probe(Port, connectTimeout: 30, ssl: ssl), cancellationToken: cancel.Token);
        Expect.Verdict(ProbeVerdict.NotRun, result);
        Assert.Equal("cancelled", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(0.5) + Slack, $"{elapsed}");
    }

    [RootFact]
    public async Task Refused_fails_at_once()
    {
        using var lab = ProbeLab.Create();
        var (result, _) = await lab.Probe(Probe(Port, connectTimeout: 5));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("ConnectionRefused", result.Reason);
    }

    [RootFact]
    public async Task A_head_over_4095_bytes_fails()
    {
        using var lab = ProbeLab.Create();
        string head = "HTTP/1.0 200 OK\r\nX-Big: " + new string('a', 5000) + "\r\n\r\n";
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer(head, "ok")));
        var (result, _) = await lab.Probe(Probe(Port));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("4095", result.Reason);
    }

    [RootFact]
    public async Task Megabytes_of_body_fail_at_the_read_cap()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Flood(10 << 20));
        var (result, elapsed) = await lab.Probe(Probe(Port, connectTimeout: 5, limits: new ProbeLimits(MaxResponseBytes: 1 << 20)));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains($"longer than {1 << 20} bytes", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(5) + Slack, $"{elapsed}");
    }

    [RootFact]
    public async Task A_trickle_fails_at_the_total_cap()
    {
        using var lab = ProbeLab.Create();
        // A byte every 0.3 s never lets one read wait connect_timeout (1 s); the total cap (3 s) ends it.
        using var server = lab.Tcp(Port, HttpTestServer.Trickle(HttpTestServer.Answer("HTTP/1.0 200 OK\r\n\r\n" + new string('x', 100)), TimeSpan.FromSeconds(0.3)));
        var (result, elapsed) = await lab.Probe(Probe(Port, connectTimeout: 1, limits: new ProbeLimits(MaxProbeTime: TimeSpan.FromSeconds(3))));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("total time of 3 s", result.Reason);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(3) + Slack);
    }

    [RootFact]
    public async Task Binary_garbage_fails()
    {
        using var lab = ProbeLab.Create();
        var garbage = new byte[3000];
        new Random(7).NextBytes(garbage);
        using var server = lab.Tcp(Port, HttpTestServer.Respond(garbage));
        var (result, _) = await lab.Probe(Probe(Port));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.NotNull(result.Reason);
    }
}
