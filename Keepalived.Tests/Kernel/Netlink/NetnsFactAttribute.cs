namespace Keepalived.Tests.Kernel.Netlink;

/// <summary>A fact that needs root and iproute2 (network namespaces); skipped otherwise.</summary>
internal sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
            Skip = "needs root: creates network namespaces";
        else if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip"))
            Skip = "needs iproute2 (ip)";
    }
}
