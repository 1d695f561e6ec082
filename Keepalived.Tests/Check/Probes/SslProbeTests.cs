using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config.Check;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Check.Probes;

/// <summary>SSL_GET against a TLS server with a self-signed certificate, inside a test namespace.</summary>
public sealed class SslProbeTests
{
    private const int Port = 8443;
    private const string Name = "www.example.test";
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);
    private static readonly byte[] Ok = HttpTestServer.Answer("HTTP/1.1 200 OK\r\n\r\n", "ok");

    [RootFact]
    public async Task Up_without_SNI_and_without_verifying_the_certificate()
    {
        using var lab = ProbeLab.Create();
        var tls = new TlsTestServer(Name);
        using var server = lab.Tcp(Port, tls.Respond(Ok));
        var (result, _) = await lab.Probe(HttpProbeTests.Probe(Port, ssl: true, vsVirtualHost: Name));
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.True(tls.ServerNames.TryDequeue(out string? sni));
        Assert.Equal("", sni);
        Assert.True(tls.Requests.TryDequeue(out byte[]? request));
        Assert.Contains($"\r\nHost: {Name}\r\n", Encoding.ASCII.GetString(request));
    }

    [RootFact]
    public async Task Enable_sni_sends_the_virtual_servers_virtualhost()
    {
        using var lab = ProbeLab.Create();
        var tls = new TlsTestServer(Name);
        using var server = lab.Tcp(Port, tls.Respond(Ok));
        var (result, _) = await lab.Probe(HttpProbeTests.Probe(Port, http => http.EnableSni = true, ssl: true, vsVirtualHost: Name));
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.True(tls.ServerNames.TryDequeue(out string? sni));
        Assert.Equal(Name, sni);
    }

    [RootFact]
    public async Task Verify_tls_rejects_a_self_signed_certificate()
    {
        using var lab = ProbeLab.Create();
        var tls = new TlsTestServer(Name);
        using var server = lab.Tcp(Port, tls.Respond(Ok));
        var limits = new ProbeLimits(VerifyTls: true);
        var (result, _) = await lab.Probe(HttpProbeTests.Probe(Port, http => http.EnableSni = true, limits: limits, ssl: true, vsVirtualHost: Name));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("TLS handshake", result.Reason);
        // With TLS 1.3 the server may finish its side of the handshake; it never gets a request.
        Assert.DoesNotContain(tls.Requests, r => r.Length > 0);
    }

    [RootFact]
    public async Task A_close_without_close_notify_still_hands_over_the_answer()
    {
        using var lab = ProbeLab.Create();
        var tls = new TlsTestServer(Name);
        using var server = lab.Tcp(Port, tls.Respond(HttpTestServer.Answer("HTTP/1.0 200 OK\r\n\r\n", "body"), closeNotify: false));
        var (result, _) = await lab.Probe(HttpProbeTests.Probe(Port, http => http.Urls[0].Digest = MD5.HashData("body"u8), ssl: true));
        Expect.Verdict(ProbeVerdict.Success, result);
    }

    [RootFact]
    public async Task The_SSL_blocks_certificate_is_the_client_certificate()
    {
        using var lab = ProbeLab.Create();
        var tls = new TlsTestServer(Name);
        using var server = lab.Tcp(Port, tls.Respond(Ok, askClientCertificate: true));
        string dir = Directory.CreateTempSubdirectory("kp-ssl").FullName;
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using X509Certificate2 client = new CertificateRequest("CN=keepalived client", key, HashAlgorithmName.SHA256)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var ssl = new SslConfig { CertificateFile = Path.Combine(dir, "client.pem"), KeyFile = Path.Combine(dir, "client.key") };
            File.WriteAllText(ssl.CertificateFile, client.ExportCertificatePem());
            File.WriteAllText(ssl.KeyFile, key.ExportPkcs8PrivateKeyPem());

            var (result, _) = await lab.Probe(HttpProbeTests.Probe(Port, ssl: true, sslConfig: ssl));
            Expect.Verdict(ProbeVerdict.Success, result);
            Assert.True(tls.ClientCertificates.TryDequeue(out X509Certificate2? seen));
            Assert.Equal(client.Thumbprint, seen?.Thumbprint);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RootFact]
    public async Task An_unreadable_client_certificate_fails_the_check()
    {
        using var lab = ProbeLab.Create();
        var tls = new TlsTestServer(Name);
        using var server = lab.Tcp(Port, tls.Respond(Ok));
        var ssl = new SslConfig { CertificateFile = "/nonexistent/client.pem" };
        var (result, _) = await lab.Probe(HttpProbeTests.Probe(Port, ssl: true, sslConfig: ssl));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("/nonexistent/client.pem", result.Reason);
    }

    [RootFact]
    public async Task A_plain_HTTP_server_fails_the_handshake()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Respond(HttpTestServer.Answer("HTTP/1.0 200 OK\r\n\r\n", "ok")));
        var (result, elapsed) = await lab.Probe(HttpProbeTests.Probe(Port, ssl: true));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("TLS handshake", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(3) + Slack, $"{elapsed}");
    }

    [RootFact]
    public async Task The_reads_of_a_TLS_answer_share_one_connect_timeout()
    {
        using var lab = ProbeLab.Create();
        var tls = new TlsTestServer(Name);
        // A byte every 0.3 s would keep a plain HTTP read alive; check_ssl.c carries the remaining
        // time over from read to read, so the answer as a whole must come within 1 s.
        using var server = lab.Tcp(Port, tls.Respond(HttpTestServer.Answer("HTTP/1.0 200 OK\r\n\r\n" + new string('x', 50)), trickle: TimeSpan.FromSeconds(0.3)));
        var (result, elapsed) = await lab.Probe(HttpProbeTests.Probe(Port, connectTimeout: 1, ssl: true));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("reading answer: timeout after 1 s", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(3) + Slack, $"{elapsed}");
    }

    [RootFact]
    public async Task A_tarpit_fails_the_handshake_at_connect_timeout()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Tarpit);
        var (result, elapsed) = await lab.Probe(HttpProbeTests.Probe(Port, connectTimeout: 1, ssl: true));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("TLS handshake: timeout after 1 s", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(1) + Slack, $"{elapsed}");
    }
}
