using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Keepalived.Actors.Config.Check;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// SSL_GET's TLS client (check_ssl.c): any protocol version, no peer verification (keepalived
/// sets SSL_VERIFY_NONE even with a ca), and the SSL block's certificate/key as the client
/// certificate. <see cref="ProbeLimits.VerifyTls"/> turns on chain and host name checks.
/// </summary>
public sealed class TlsSettings
{
    private readonly Lazy<(X509Certificate2? Certificate, string? Error)> _client;

    public TlsSettings(SslConfig? ssl, bool verify)
    {
        Verify = verify;
        _client = new Lazy<(X509Certificate2?, string?)>(() => LoadClientCertificate(ssl));
    }

    public bool Verify { get; }

    /// <summary>The client options for one handshake; an error when the client certificate cannot be loaded.</summary>
    public SslClientAuthenticationOptions Options(string? serverName, string verifyName, out string? error)
    {
        var (certificate, loadError) = _client.Value;
        error = loadError;
        var options = new SslClientAuthenticationOptions
        {
            // An empty TargetHost sends no SNI: keepalived sends one only with enable_sni.
            TargetHost = serverName ?? "",
            EnabledSslProtocols = SslProtocols.None,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, cert, _, errors) => Accept(cert, errors, verifyName),
        };
        if (certificate is not null) options.ClientCertificates = [certificate];
        return options;
    }

    private bool Accept(X509Certificate? certificate, SslPolicyErrors errors, string verifyName)
    {
        if (!Verify) return true;
        if (certificate is not X509Certificate2 x509 || (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) != SslPolicyErrors.None) return false;
        // The name is checked here rather than by TargetHost, which is empty without SNI.
        return x509.MatchesHostname(verifyName);
    }

    /// <summary>SSL { certificate key password }: PEM files; without key the key is in the certificate file.</summary>
    private static (X509Certificate2?, string?) LoadClientCertificate(SslConfig? ssl)
    {
        if (ssl?.CertificateFile is not { } certificate) return (null, null);
        try
        {
            var loaded = ssl.Password is { } password
                ? X509Certificate2.CreateFromEncryptedPemFile(certificate, password, ssl.KeyFile)
                : X509Certificate2.CreateFromPemFile(certificate, ssl.KeyFile);
            return (loaded, null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, $"SSL client certificate {certificate}: {e.Message}");
        }
    }
}
