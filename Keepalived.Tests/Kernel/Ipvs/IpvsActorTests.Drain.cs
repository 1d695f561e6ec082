using Keepalived.Actors.Kernel.Ipvs;
using static Keepalived.Tests.Kernel.Ipvs.IpvsPlanTests;
using DesiredService = Keepalived.Actors.Kernel.Ipvs.IpvsActor.DesiredService;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>drain-before-remove in the leaf: the fake kernel's active connections drive the delete, on virtual time.</summary>
public sealed partial class IpvsActorTests
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);
    private static readonly IpvsActor.Settings DrainOn = new(Interval, DrainTimeout: DrainTimeout);

    private static readonly IpvsDestination Third = Web.Destinations[1];
    private static readonly DesiredService WebWithoutThird = Web with { Destinations = [Web.Destinations[0]] };
    private static readonly DesiredService WebThirdAtZero = Web with { Destinations = [Web.Destinations[0], Third with { Weight = 0 }] };
    private const string QuiesceThird = "SET_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 0";
    private const string DeleteThird = "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80";

    /// <summary>Web applied, then its third destination dropped while it has <paramref name="connections"/> active connections.</summary>
    private IActorRef Drop(IActorRef ipvs, uint connections)
    {
        Assert.Empty(Apply(ipvs, "web", Web));
        _kernel.SetActiveConnections(Web, Third, connections);
        Assert.Empty(Apply(ipvs, "web", WebWithoutThird));
        return ipvs;
    }

    [Fact]
    public void Drain_off_deletes_a_dropped_destination_at_once_whatever_its_connections()
    {
        var ipvs = Drop(Start(), connections: 5);
        Assert.Equal([.. WebCreated, DeleteThird], Operations(ipvs));
        AssertTable([WebWithoutThird]);
    }

    [Fact]
    public void Drain_on_sets_weight_0_then_waits_while_connections_remain_and_deletes_at_the_next_look_once_they_are_gone()
    {
        var ipvs = Drop(Start(DrainOn), connections: 2);
        Assert.Equal([.. WebCreated, QuiesceThird], Operations(ipvs));
        for (var i = 0; i < 10; i++) Advance(IpvsActor.DrainInterval);
        Assert.Equal([.. WebCreated, QuiesceThird], Operations(ipvs));
        AssertTable([WebThirdAtZero]);

        _kernel.SetActiveConnections(Web, Third, 0);
        // the drain's quicker look, not the 5 s reconcile
        Advance(IpvsActor.DrainInterval);
        Assert.Equal([.. WebCreated, QuiesceThird, DeleteThird], Operations(ipvs));
        AssertTable([WebWithoutThird]);
        Advance(Interval * 2);
        Assert.Equal(5, Operations(ipvs).Count);
    }

    [Fact]
    public void An_idle_dropped_destination_gets_weight_0_and_is_deleted_in_the_same_reconcile()
    {
        var ipvs = Drop(Start(DrainOn), connections: 0);
        Assert.Equal([.. WebCreated, QuiesceThird, DeleteThird], Operations(ipvs));
        AssertTable([WebWithoutThird]);
    }

    [Fact]
    public void A_destination_still_busy_when_the_drain_timeout_passes_is_deleted()
    {
        var ipvs = Drop(Start(DrainOn), connections: 7);
        Advance(DrainTimeout - IpvsActor.DrainInterval);
        Assert.Equal([.. WebCreated, QuiesceThird], Operations(ipvs));
        Advance(IpvsActor.DrainInterval);
        Assert.Equal([.. WebCreated, QuiesceThird, DeleteThird], Operations(ipvs));
        AssertTable([WebWithoutThird]);
    }

    [Fact]
    public void Wanted_again_while_draining_it_gets_its_weight_back_and_is_not_deleted()
    {
        var ipvs = Drop(Start(DrainOn), connections: 4);
        Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(Apply(ipvs, "web", Web));
        Advance(DrainTimeout * 2);
        Assert.Equal([.. WebCreated, QuiesceThird, "SET_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 1"], Operations(ipvs));
        AssertTable([Web]);
    }

    [Fact]
    public void Removing_the_virtual_server_and_ReleaseAll_delete_draining_destinations_at_once()
    {
        var other = new DesiredService(Tcp("10.0.0.1", 81), [Masq("10.0.0.4", 81), Masq("10.0.0.5", 81)]);
        var ipvs = Drop(Start(DrainOn), connections: 3);
        Assert.Empty(Apply(ipvs, "other", other));
        _kernel.SetActiveConnections(other, other.Destinations[1], 3);
        Assert.Empty(Apply(ipvs, "other", other with { Destinations = [other.Destinations[0]] }));
        var before = _kernel.Sent.Count;

        Assert.Empty(Apply(ipvs, "web"));
        Assert.Equal(["DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80", DeleteThird, "DEL_SERVICE TCP 10.0.0.1:80"], _kernel.Sent.Skip(before));
        ipvs.Tell(IpvsActor.ReleaseAll.Instance, TestActor);
        Assert.Empty(ExpectMsg<IpvsActor.Released>().Errors);
        Assert.Equal(["DEL_DEST TCP 10.0.0.1:81 -> 10.0.0.4:81", "DEL_DEST TCP 10.0.0.1:81 -> 10.0.0.5:81", "DEL_SERVICE TCP 10.0.0.1:81"],
            _kernel.Sent.Skip(before + 3));
        Assert.Empty(_kernel.Table);
    }

    [Fact]
    public void Inhibit_on_failure_keeps_its_weight_0_destination_drain_or_not()
    {
        var ipvs = Start(DrainOn);
        Assert.Empty(Apply(ipvs, "web", Web));
        Assert.Empty(Apply(ipvs, "web", WebThirdAtZero));
        Advance(DrainTimeout * 2);
        Assert.Equal([.. WebCreated, QuiesceThird], Operations(ipvs));
        AssertTable([WebThirdAtZero]);
    }

    [Fact]
    public void A_restarted_actor_keeps_the_drain_start()
    {
        var host = Drop(StartHosted(DrainOn), connections: 1);
        var began = Clock.Elapsed;
        Advance(TimeSpan.FromSeconds(20));
        Restart(host);
        // the timeout counts from the first incarnation's start, not from the restart
        Advance(began + DrainTimeout - IpvsActor.DrainInterval - Clock.Elapsed);
        Assert.Equal([.. WebCreated, QuiesceThird], Operations(host));
        Advance(IpvsActor.DrainInterval);
        Assert.Equal([.. WebCreated, QuiesceThird, DeleteThird], Operations(host));
    }
}
