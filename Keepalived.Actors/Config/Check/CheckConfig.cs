namespace Keepalived.Actors.Config.Check;

/// <summary>The Check part of the configuration: SSL, virtual_server_group, virtual_server.</summary>
public sealed class CheckConfig
{
    /// <summary>The <c>SSL { }</c> block, or null.</summary>
    public SslConfig? Ssl { get; set; }

    public List<VirtualServerGroup> VirtualServerGroups { get; } = [];

    /// <summary>The virtual servers keepalived keeps (invalid ones are dropped by the checks).</summary>
    public List<VirtualServer> VirtualServers { get; } = [];

    /// <summary>True when any HTTP/SSL checker uses SSL (keepalived then needs an SSL context).</summary>
    public bool SslRequired => VirtualServers.Any(vs => vs.RealServers.Any(rs => rs.Checkers.OfType<HttpChecker>().Any(c => c.Ssl)));
}

/// <summary><c>SSL { password, ca, certificate, key }</c> for SSL_GET.</summary>
public sealed class SslConfig
{
    public string? Password { get; set; }
    public string? CaFile { get; set; }
    public string? CertificateFile { get; set; }
    public string? KeyFile { get; set; }
}
