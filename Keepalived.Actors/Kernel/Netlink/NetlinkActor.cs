using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Vmac;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// Leaf actor owning the rtnetlink request socket: it adds and removes virtual addresses,
/// routes and rules in keepalived's order (addresses, routes, rules on the way up; rules,
/// routes, addresses on the way down) and looks interfaces up. Each request waits for the
/// kernel's answer inside the actor's turn, as keepalived's netlink calls do (a few tens of
/// microseconds; <see cref="RtNetlink.Timeout"/> bounds it), so replies leave in request order.
/// "Already there" on an add and "not there" on a removal are not failures, as in keepalived.
/// </summary>
public sealed class NetlinkActor : ServiceActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private RtNetlink? _netlink;
    private VmacSetup? _vmacs;

    /// <summary>Add the addresses (dev, else <paramref name="Interface"/>), then the routes and rules; answers <see cref="AddressesChanged"/>.</summary>
    public sealed record AddAddresses(IReadOnlyList<VirtualIpAddress> Addresses, string Interface,
        IReadOnlyList<IpRoute> Routes, IReadOnlyList<IpRule> Rules);

    /// <summary>Remove the rules, routes and addresses; answers <see cref="AddressesChanged"/>.</summary>
    public sealed record RemoveAddresses(IReadOnlyList<VirtualIpAddress> Addresses, string Interface,
        IReadOnlyList<IpRoute> Routes, IReadOnlyList<IpRule> Rules);

    /// <summary>
    /// What an add (<paramref name="Added"/>) or removal did; <paramref name="Failures"/> in words;
    /// <paramref name="Elapsed"/>: how long the kernel took. The asker logs it: during a takeover,
    /// only once the gratuitous ARPs are out.
    /// </summary>
    public sealed record AddressesChanged(bool Added, IReadOnlyList<string> Failures, TimeSpan Elapsed = default);

    /// <summary>Answered with one <see cref="InterfaceInfo"/> or <see cref="InterfaceNotFound"/> per name, in order, all from one dump.</summary>
    public sealed record GetInterfaces(IReadOnlyList<string> Names);

    /// <summary>An interface as an instance starts on it; <paramref name="Mtu"/> 0: not known.</summary>
    public sealed record InterfaceInfo(string Name, int Index, byte[] Mac, bool Up, IReadOnlyList<IPAddress> Addresses, int Mtu = 0);

    public sealed record InterfaceNotFound(string Name);

    /// <summary>Sets up the VMAC of a use_vmac instance (<see cref="VmacSetup"/>); answers <see cref="VmacReady"/> or <see cref="VmacFailed"/>.</summary>
    public sealed record AddVmac(VmacRequest Request);

    /// <summary>The instance's VMAC is up as <paramref name="Name"/> (<paramref name="Reused"/>: left by an earlier run).</summary>
    public sealed record VmacReady(string Instance, string Name, int Index, bool Reused);

    public sealed record VmacFailed(string Instance, string Reason);

    /// <summary>Deletes a VMAC <see cref="AddVmac"/> set up; no answer (a <see cref="Flush"/> after it says it is done).</summary>
    public sealed record DeleteVmac(string Name);

    public static Props Props() => FactoryProps.Create(() => new NetlinkActor());

    public NetlinkActor()
    {
        Receive<AddAddresses>(a =>
        {
            var start = Stopwatch.GetTimestamp();
            var failures = Add(a);
            Sender.Tell(new AddressesChanged(true, failures, Stopwatch.GetElapsedTime(start)), Self);
        });
        Receive<RemoveAddresses>(r => Sender.Tell(new AddressesChanged(false, Remove(r)), Self));
        Receive<GetInterfaces>(g =>
        {
            foreach (var answer in Lookup(g.Names)) Sender.Tell(answer, Self);
        });
        Receive<AddVmac>(a => Sender.Tell(SetUpVmac(a.Request), Self));
        Receive<DeleteVmac>(d => WithLog(log => Vmacs.Delete(d.Name, log), $"delete VMAC {d.Name}"));
        Receive<Flush>(_ => Sender.Tell(Flushed.Instance, Self));
        ReceiveAny(Unhandled);
    }

    protected override void PreStart()
    {
        _netlink = new RtNetlink();
        _vmacs = new VmacSetup(_netlink);
    }

    protected override void PostStop() => _netlink?.Dispose();

    private RtNetlink Netlink => _netlink ?? throw new InvalidOperationException("netlink socket not open");

    private VmacSetup Vmacs => _vmacs ?? throw new InvalidOperationException("netlink socket not open");

    private object SetUpVmac(VmacRequest request)
    {
        VmacInterface? vmac = null;
        var failure = WithLog(log => vmac = Vmacs.Add(request, log), $"({request.Instance}) Unable to create VMAC interface");
        return vmac is { } up
            ? new VmacReady(request.Instance, up.Name, up.Index, up.Reused)
            : new VmacFailed(request.Instance, failure ?? "unknown error");
    }

    /// <summary>Runs a VMAC step, logs its notes, and returns its failure in words (null: none).</summary>
    private string? WithLog(Action<List<string>> step, string what)
    {
        var log = new List<string>();
        string? failure = null;
        try
        {
            step(log);
        }
        catch (Exception ex) when (ex is ErrnoException or TimeoutException or IOException or ArgumentException)
        {
            failure = ex.Message;
        }
        foreach (var line in log) _log.Info("{Note}", line);
        if (failure is not null) _log.Warning("{What}: {Error}", what, failure);
        return failure;
    }

    private List<string> Add(AddAddresses a)
    {
        var failures = new List<string>();
        foreach (var address in a.Addresses)
            Do(failures, $"add {address.Address}/{address.PrefixLength}", () => Netlink.AddAddressAsync(address, IndexOf(address.Device ?? a.Interface)));
        foreach (var route in a.Routes)
            Do(failures, $"add route {route}", () => Netlink.AddRouteAsync(route, IndexOf));
        foreach (var rule in a.Rules)
            Do(failures, $"add rule {rule}", () => Netlink.AddRuleAsync(rule));
        return failures;
    }

    private List<string> Remove(RemoveAddresses r)
    {
        var failures = new List<string>();
        foreach (var rule in r.Rules)
            Do(failures, $"remove rule {rule}", () => Netlink.DeleteRuleAsync(rule));
        foreach (var route in r.Routes)
            Do(failures, $"remove route {route}", () => Netlink.DeleteRouteAsync(route, IndexOf));
        foreach (var address in r.Addresses)
            Do(failures, $"remove {address.Address}/{address.PrefixLength}", () => Netlink.DeleteAddressAsync(address, IndexOf(address.Device ?? r.Interface)));
        return failures;
    }

    private void Do(List<string> failures, string what, Func<Task<RtNetlinkResult>> request)
    {
        try
        {
            request().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is ErrnoException or TimeoutException or IOException or ArgumentException)
        {
            _log.Warning("Netlink: {What} failed: {Error}", what, ex.Message);
            failures.Add($"{what}: {ex.Message}");
        }
    }

    private static int IndexOf(string interfaceName)
    {
        var index = KernelSocket.InterfaceIndex(interfaceName);
        return index != 0 ? index : throw new ErrnoException($"interface {interfaceName}", Errno.ENODEV);
    }

    /// <summary>One link dump and one address dump, however many interfaces the instances use.</summary>
    private List<object> Lookup(IReadOnlyList<string> names)
    {
        try
        {
            return Lookup(Netlink, names);
        }
        catch (Exception ex) when (ex is ErrnoException or TimeoutException or IOException)
        {
            _log.Warning("Netlink: looking up {Interfaces} failed: {Error}", string.Join(", ", names), ex.Message);
            return names.Select(object (name) => new InterfaceNotFound(name)).ToList();
        }
    }

    private static List<object> Lookup(RtNetlink netlink, IReadOnlyList<string> names)
    {
        var links = netlink.DumpLinksAsync().GetAwaiter().GetResult();
        var addresses = netlink.DumpAddressesAsync().GetAwaiter().GetResult();
        return names.Select(name => Describe(name, links, addresses)).ToList();
    }

    /// <summary>
    /// Runs the interface look-up once on a socket of its own and drops the answer (a start-up
    /// rehearsal: <c>Vrrp.TakeoverRehearsal</c>). Only reads from the kernel; a failure is the
    /// real look-up's to report.
    /// </summary>
    public static void RehearseLookup()
    {
        try
        {
            using var netlink = new RtNetlink();
            _ = Lookup(netlink, ["lo"]);
        }
        catch (Exception ex) when (ex is ErrnoException or TimeoutException or IOException or SocketException)
        {
        }
    }

    private static object Describe(string name, List<NetlinkLink> links, List<NetlinkAddress> addresses)
    {
        if (links.Find(l => l.Name == name) is not { } link) return new InterfaceNotFound(name);
        // the primary (non-secondary) IPv4 address first, as keepalived picks it
        var own = addresses.Where(a => a.InterfaceIndex == link.Index)
            .OrderBy(a => a.IsSecondary)
            .Select(a => a.Address)
            .ToList();
        return new InterfaceInfo(name, link.Index, link.Mac.GetAddressBytes(), link.IsUp, own, link.Mtu);
    }
}
