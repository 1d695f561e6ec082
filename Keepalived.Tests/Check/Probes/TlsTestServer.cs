using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Keepalived.Tests.Check.Probes;

/// <summary>A TLS server for SSL_GET tests: a self-signed certificate, the SNI and client certificate it saw.</summary>
internal sealed class TlsTestServer
{
    private readonly X509Certificate2 _certificate;

    public TlsTestServer(string dnsName) => _certificate = SelfSigned(dnsName);

    /// <summary>The SNI of each handshake ("" without one).</summary>
    public ConcurrentQueue<string> ServerNames { get; } = new();
    public ConcurrentQueue<byte[]> Requests { get; } = new();
    public ConcurrentQueue<X509Certificate2?> ClientCertificates { get; } = new();

    public static X509Certificate2 SelfSigned(string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>Handshake, read the request, answer (or hold the connection), then close with or without close_notify.</summary>
    public Func<Socket, CancellationToken, Task> Respond(byte[] answer, bool closeNotify = true, bool askClientCertificate = false, bool holdBeforeAnswer = false, TimeSpan? trickle = null) =>
        async (socket, stop) =>
        {
            await using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false));
            var options = new SslServerAuthenticationOptions
            {
                ServerCertificateSelectionCallback = (_, host) =>
                {
                    ServerNames.Enqueue(host ?? "");
                    return _certificate;
                },
                ClientCertificateRequired = askClientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => true,
            };
            await ssl.AuthenticateAsServerAsync(options, stop);
            ClientCertificates.Enqueue(ssl.RemoteCertificate is { } c ? X509CertificateLoader.LoadCertificate(c.Export(X509ContentType.Cert)) : null);
            Requests.Enqueue(await HttpTestServer.ReadRequest(ssl, stop));
            if (holdBeforeAnswer) await Task.Delay(Timeout.Infinite, stop);
            if (trickle is { } gap)
                foreach (byte b in answer)
                {
                    await ssl.WriteAsync(new[] { b }, stop);
                    await Task.Delay(gap, stop);
                }
            else
                await ssl.WriteAsync(answer, stop);
            if (closeNotify) await ssl.ShutdownAsync();
            await HttpTestServer.CloseAfterPeer(socket, stop);
        };
}
