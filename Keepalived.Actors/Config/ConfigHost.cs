namespace Keepalived.Actors.Config;

/// <summary>
/// What the configuration checks ask of the machine (keepalived checks interfaces and script
/// files on the host). Tests substitute their own.
/// </summary>
public class ConfigHost
{
    public static readonly ConfigHost Local = new();

    /// <summary>True when a network interface of this name exists (in this network namespace).</summary>
    public virtual bool InterfaceExists(string name) => Directory.Exists(Path.Combine("/sys/class/net", name));

    /// <summary>
    /// Whether a host name resolves (keepalived resolves smtp_server names while reading).
    /// Tests answer without asking DNS.
    /// </summary>
    public virtual bool HostNameResolves(string name)
    {
        try { return System.Net.Dns.GetHostAddresses(name).Length > 0; }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException) { return false; }
    }

    /// <summary>The host's interface names.</summary>
    public virtual IReadOnlyList<string> Interfaces() =>
        Directory.Exists("/sys/class/net") ? Directory.GetDirectories("/sys/class/net").Select(Path.GetFileName).OfType<string>().ToArray() : [];
}
