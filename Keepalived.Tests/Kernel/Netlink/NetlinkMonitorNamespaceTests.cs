using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Tests.Kernel.Netlink;

/// <summary>NetlinkMonitor against the kernel, inside a namespace each test creates and deletes.</summary>
public class NetlinkMonitorNamespaceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Reads events until one matches; fails (listing what came) when none does in time.</summary>
    private static async Task<T> Until<T>(IAsyncEnumerator<NetlinkEvent> events, Func<T, bool> match, string what) where T : NetlinkEvent
    {
        var seen = new List<NetlinkEvent>();
        try
        {
            while (await events.MoveNextAsync())
            {
                if (events.Current is T e && match(e))
                    return e;
                seen.Add(events.Current);
            }
        }
        catch (OperationCanceledException)
        {
        }
        Assert.Fail($"no {what} within {Patience.TotalSeconds} s; saw: {string.Join("; ", seen)}");
        return null!;
    }

    [RootFact(Tool = "ip")]
    public async Task Link_and_address_changes_become_events()
    {
        using var ns = NetlinkNamespace.Create();
        using var rt = ns.Enter(() => new RtNetlink());
        using var monitor = ns.Enter(() => new NetlinkMonitor());
        monitor.Seed(await rt.DumpLinksAsync());
        using var timeout = new CancellationTokenSource(Patience);
        await using var events = monitor.ReadEventsAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        ns.Ip("link set ve1 up");
        ns.Ip("link set ve0 up");
        var up = await Until<LinkEvent>(events, e => e.Kind == LinkEventKind.Up && e.Link.Name == "ve0", "ve0 up");
        Assert.True(up.Link.Flags.HasFlag(InterfaceFlags.Running));
        Assert.Equal(OperState.Up, up.Link.OperState);

        ns.Ip("link set ve0 down");
        var down = await Until<LinkEvent>(events, e => e.Kind == LinkEventKind.Down && e.Link.Name == "ve0", "ve0 down");
        Assert.False(down.Link.Flags.HasFlag(InterfaceFlags.Up));

        ns.Ip("link set ve0 name wan0");
        var renamed = await Until<LinkEvent>(events, e => e.Kind == LinkEventKind.Renamed, "rename");
        Assert.Equal(("ve0", "wan0"), (renamed.PreviousName, renamed.Link.Name));

        ns.Ip("link add vp0 type veth peer name vp1");
        await Until<LinkEvent>(events, e => e.Kind == LinkEventKind.Added && e.Link.Name == "vp0", "vp0 added");
        ns.Ip("link del vp0");
        await Until<LinkEvent>(events, e => e.Kind == LinkEventKind.Removed && e.Link.Name == "vp0", "vp0 removed");

        ns.Ip("addr add 10.199.2.1/24 dev wan0 label wan0:a");
        var added = await Until<AddressEvent>(events, e => e.Kind == AddressEventKind.Added && e.Address.Family == AddressFamily.InterNetwork, "IPv4 address added");
        Assert.Equal((IPAddress.Parse("10.199.2.1"), 24, "wan0:a", renamed.Link.Index),
            (added.Address.Address, added.Address.PrefixLength, added.Address.Label, added.Address.InterfaceIndex));

        ns.Ip("addr add fd00:199::1/64 dev wan0 nodad");
        var added6 = await Until<AddressEvent>(events, e => e.Address.Address.Equals(IPAddress.Parse("fd00:199::1")), "IPv6 address added");
        Assert.Equal(AddressEventKind.Added, added6.Kind);
        Assert.True(added6.Address.Flags.HasFlag(AddressFlags.NoDad));

        ns.Ip("addr del 10.199.2.1/24 dev wan0");
        await Until<AddressEvent>(events, e => e.Kind == AddressEventKind.Removed && e.Address.Address.Equals(IPAddress.Parse("10.199.2.1")), "IPv4 address removed");
    }

    [RootFact(Tool = "ip")]
    public async Task A_full_receive_buffer_is_reported_as_an_overrun()
    {
        using var ns = NetlinkNamespace.Create();
        using var rt = ns.Enter(() => new RtNetlink());
        // the kernel raises a tiny buffer to its minimum (a few KiB): a handful of events fill it
        using var monitor = ns.Enter(() => new NetlinkMonitor(receiveBufferSize: 1));
        var ve0 = (await rt.DumpLinksAsync()).Single(l => l.Name == "ve0").Index;
        for (var i = 1; i <= 100; i++)
            await rt.AddAddressAsync(new VirtualIpAddress { Address = IPAddress.Parse($"10.199.3.{i}"), PrefixLength = 24 }, ve0);

        using var timeout = new CancellationTokenSource(Patience);
        await using var events = monitor.ReadEventsAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        await Until<NetlinkOverrun>(events, _ => true, "overrun");

        // the events that did fit are still read after it (the kernel drops new ones until they are)
        await Until<AddressEvent>(events, e => e.Address.Address.ToString().StartsWith("10.199.3.", StringComparison.Ordinal), "a queued address event");
    }

    [RootFact(Tool = "ip")]
    public async Task Dispose_ends_a_pending_read()
    {
        using var ns = NetlinkNamespace.Create();
        var monitor = ns.Enter(() => new NetlinkMonitor());
        await using var events = monitor.ReadEventsAsync().GetAsyncEnumerator();
        var next = events.MoveNextAsync().AsTask();
        monitor.Dispose();
        Assert.False(await next.WaitAsync(Patience));
    }
}
