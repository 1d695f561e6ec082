namespace Keepalived.Actors.Kernel.Arp;

/// <summary>
/// Whether an interface forwards IPv6 (net.ipv6.conf.IF.forwarding), which decides the Router
/// flag of keepalived's unsolicited NAs (vrrp_if_config.c set_ipv6_forwarding). keepalived
/// re-reads it at most every 5 seconds per interface; that caching is the caller's.
/// </summary>
public static class Ipv6Forwarding
{
    /// <summary>
    /// True when forwarding is on; false when off, or when the interface has no IPv6 (no file).
    /// /proc/sys/net shows the network namespace of the calling thread.
    /// </summary>
    public static bool IsRouter(string interfaceName)
    {
        if (interfaceName.Length == 0 || interfaceName.Contains('/') || interfaceName is "." or "..")
            throw new ArgumentException($"'{interfaceName}' is not an interface name", nameof(interfaceName));
        try
        {
            string value = File.ReadAllText($"/proc/sys/net/ipv6/conf/{interfaceName}/forwarding").Trim();
            return int.TryParse(value, out int forwarding) && forwarding != 0;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
