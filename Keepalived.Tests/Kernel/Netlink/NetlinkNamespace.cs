namespace Keepalived.Tests.Kernel.Netlink;

/// <summary>
/// A <see cref="NetNs"/> with a veth pair ve0/ve1 inside it, and <c>ip</c> arguments given as
/// one line, for the netlink tests.
/// </summary>
internal sealed class NetlinkNamespace : IDisposable
{
    private readonly NetNs _ns;

    private NetlinkNamespace(NetNs ns) => _ns = ns;

    public string Name => _ns.Name;

    public static NetlinkNamespace Create()
    {
        var ns = new NetlinkNamespace(NetNs.Create("kanl"));
        try
        {
            ns.Ip("link add ve0 type veth peer name ve1");
        }
        catch
        {
            ns.Dispose();
            throw;
        }
        return ns;
    }

    /// <summary>Runs <c>ip -n NAME arguments</c> (split on spaces); returns its output, throws when it fails.</summary>
    public string Ip(string arguments) => _ns.Ip(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Runs <paramref name="action"/> on a thread inside the namespace.</summary>
    public T Enter<T>(Func<T> action) => _ns.Run(action);

    public void Dispose() => _ns.Dispose();
}
