using Keepalived.Actors.Config;

namespace Keepalived.Tests.Config;

/// <summary>
/// A machine for configuration tests: a fixed set of interfaces (eth0 and eth1 unless given),
/// and host names that resolve only when listed — tests never ask DNS.
/// </summary>
internal sealed class FakeHost(params string[] interfaces) : ConfigHost
{
    private readonly string[] _interfaces = interfaces.Length > 0 ? interfaces : ["eth0", "eth1"];

    public HashSet<string> ResolvableNames { get; } = ["localhost"];

    public override bool InterfaceExists(string name) => _interfaces.Contains(name);

    public override IReadOnlyList<string> Interfaces() => _interfaces;

    public override bool HostNameResolves(string name) => ResolvableNames.Contains(name);
}
