using Keepalived.Actors.Runtime;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.ActorTesting;

/// <summary>
/// An actor system whose VRRP event loop thread is made inside a network namespace, so a socket
/// actor on the VRRP dispatcher opens its socket there (a thread keeps the namespace it was made
/// in), with a <see cref="FaultInjector"/> registered.
/// </summary>
public static class NamespaceSystem
{
    public static (ActorSystem System, FaultInjector Faults) In(NetNs ns, string name)
    {
        var system = ns.Run(() => ActorSystem.Create(name, ActorSystemConfig.Test("system", eventLoop: true)));
        var faults = new FaultInjector();
        FaultInjection.Get(system).Interceptor = faults;
        return (system, faults);
    }
}
