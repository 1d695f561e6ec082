using System.Net;

namespace Keepalived.Tests.Kernel;

/// <summary>
/// Two network namespaces joined by a veth pair: <see cref="AInterface"/> in <see cref="A"/>,
/// <see cref="BInterface"/> in <see cref="B"/>, with private IPv4 and IPv6 addresses (DAD off,
/// so they are usable at once). Disposing deletes both namespaces, and the pair with them.
/// </summary>
public sealed class VethLink : IDisposable
{
    public const string AInterface = "va";
    public const string BInterface = "vb";

    public static readonly IPAddress A4 = IPAddress.Parse("10.199.0.1");
    public static readonly IPAddress B4 = IPAddress.Parse("10.199.0.2");
    public static readonly IPAddress A6 = IPAddress.Parse("fd00:199::1");
    public static readonly IPAddress B6 = IPAddress.Parse("fd00:199::2");

    private VethLink(NetNs a, NetNs b)
    {
        A = a;
        B = b;
    }

    public NetNs A { get; }
    public NetNs B { get; }

    public static VethLink Create()
    {
        NetNs a = NetNs.Create("kta");
        NetNs? b = null;
        try
        {
            b = NetNs.Create("ktb");
            a.Ip("link", "add", AInterface, "type", "veth", "peer", "name", BInterface, "netns", b.Name);
            Configure(a, AInterface, A4, A6);
            Configure(b, BInterface, B4, B6);
            WaitUntilReady(a, AInterface);
            WaitUntilReady(b, BInterface);
            return new VethLink(a, b);
        }
        catch
        {
            b?.Dispose();
            a.Dispose();
            throw;
        }
    }

    private static void Configure(NetNs ns, string name, IPAddress v4, IPAddress v6)
    {
        ns.Exec("sysctl", "-qw", $"net.ipv6.conf.{name}.accept_dad=0");
        ns.Ip("addr", "add", $"{v4}/24", "dev", name);
        ns.Ip("addr", "add", $"{v6}/64", "dev", name, "nodad");
        ns.Ip("link", "set", name, "up");
    }

    /// <summary>
    /// The kernel sees the carrier through linkwatch, up to a second after "link set up", and only
    /// then configures IPv6 on the link (link-local address, the ff00::/8 route without which
    /// multicast is dropped as "no route"). Polls for that route, bounded.
    /// </summary>
    private static void WaitUntilReady(NetNs ns, string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ns.Ip("-6", "route", "show", "table", "local", "type", "multicast", "dev", name).Length == 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{name} in {ns.Name}: IPv6 not configured after 10 s");
            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
    }
}
