using Akka.Event;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Tests.Supervision;
using static Keepalived.Tests.Kernel.Ipvs.IpvsPlanTests;
using DesiredService = Keepalived.Actors.Kernel.Ipvs.IpvsActor.DesiredService;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>The IPVS leaf over a fake kernel, on virtual time: reconcile, ownership, release, errors, no ip_vs.</summary>
public sealed partial class IpvsActorTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly string[] WebCreated =
    [
        "NEW_SERVICE TCP 10.0.0.1:80 wrr", "NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 3",
        "NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 1",
    ];

    private readonly FakeIpvsKernel _kernel = new();
    private readonly IpvsActor.State _state = new();

    private IActorRef Start(bool loadModule = true) => Start(new IpvsActor.Settings(Interval, loadModule));

    private IActorRef Start(IpvsActor.Settings settings) => Sys.ActorOf(IpvsActor.Props(_state, settings, () => _kernel));

    /// <summary>The leaf under a <see cref="LeafHost"/>, as the checker makes it (restarted after a failure).</summary>
    private IActorRef StartHosted(IpvsActor.Settings settings) =>
        Sys.ActorOf(LeafHost.Props(IpvsActor.Props(_state, settings, () => _kernel), "ipvs"), "host-ipvs");

    /// <summary>Makes the hosted leaf fail once and waits for its next incarnation; returns that one's first table.</summary>
    private IpvsActor.Table Restart(IActorRef host)
    {
        var fault = Faults.On<IpvsActor>().When(m => m is IpvsActor.GetTable).Throw();
        host.Tell(IpvsActor.GetTable.Instance, TestActor);
        AwaitCondition(() => fault.Count == 1);
        IpvsActor.Table? table = null;
        AwaitAssert(() =>
        {
            Advance(LeafSupervision.MinBackoff * 2);
            host.Tell(IpvsActor.GetTable.Instance, TestActor);
            table = ExpectMsg<IpvsActor.Table>(TimeSpan.FromMilliseconds(200));
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10));
        return table!;
    }

    private IReadOnlyList<string> Apply(IActorRef actor, string owner, params DesiredService[] services)
    {
        actor.Tell(new IpvsActor.DesiredState(owner, services), TestActor);
        var applied = ExpectMsg<IpvsActor.Applied>();
        Assert.Equal(owner, applied.Owner);
        return applied.Errors;
    }

    private IReadOnlyList<string> Operations(IActorRef actor)
    {
        actor.Tell(IpvsActor.GetOperations.Instance, TestActor);
        return ExpectMsg<IpvsActor.Operations>().Log;
    }

    /// <summary>The kernel holds <paramref name="expected"/> (services in any order, destinations as sets).</summary>
    private void AssertTable(IReadOnlyList<DesiredService> expected)
    {
        var table = _kernel.Table;
        Assert.Equal(expected.Count, table.Count);
        foreach (var e in expected)
        {
            var k = Assert.Single(table, s => IpvsServiceKey.Of(s.Service) == IpvsServiceKey.Of(e.Service));
            Assert.Equal(e.Service, k.Service);
            Assert.Equal(e.Destinations.ToHashSet(), k.Destinations.ToHashSet());
        }
    }

    [Fact]
    public void An_unchanged_desired_state_sends_no_operation_now_or_at_reconcile()
    {
        var ipvs = Start();
        Assert.Empty(Apply(ipvs, "web", Web));
        Assert.Equal(WebCreated, Operations(ipvs));
        Assert.Empty(Apply(ipvs, "web", Web));
        Advance(Interval);
        Advance(Interval);
        Assert.Equal(WebCreated, Operations(ipvs));
        Assert.Equal(WebCreated, _kernel.Sent);
    }

    [Fact]
    public void A_desired_state_reads_back_only_its_owners_services_and_the_periodic_pass_reads_all()
    {
        var ipvs = Start();
        Apply(ipvs, "web", Web);
        Apply(ipvs, "dns", Dns);
        Assert.Equal([IpvsServiceKey.Of(Dns.Service)], _kernel.LastDumpDestinationsOf);
        Advance(Interval);
        Operations(ipvs);
        Assert.Equal(2, _kernel.LastDumpDestinationsOf.Count);
    }

    [Fact]
    public void Entries_deleted_behind_its_back_are_restored_by_the_next_reconcile()
    {
        var ipvs = Start();
        Apply(ipvs, "web", Web);
        Apply(ipvs, "dns", Dns);
        _kernel.Remove(IpvsServiceKey.Of(Web.Service));
        _kernel.Put(Dns with { Destinations = [] });
        Advance(Interval);
        Assert.Equal([.. WebCreated, "NEW_DEST UDP 10.0.0.1:53 -> 10.0.0.2:53 route weight 1"], Operations(ipvs).Skip(5));
        AssertTable([Web, Dns]);
    }

    [Fact]
    public void Foreign_entries_are_never_touched_and_release_removes_only_its_own()
    {
        var foreign = new DesiredService(Tcp("10.0.0.1", 443, "rr"), [Masq("10.0.0.7", 443)]);
        _kernel.Put(foreign);
        var ipvs = Start();
        Apply(ipvs, "web", Web);
        // a destination added by hand to our service: not ours
        var handMade = Masq("10.0.0.8", 80, 4);
        _kernel.Put(Web with { Destinations = [.. Web.Destinations, handMade] });
        Advance(Interval);
        Apply(ipvs, "web", Web with { Destinations = [Web.Destinations[0]] });
        Assert.Equal([.. WebCreated, "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80"], Operations(ipvs));
        AssertTable([foreign, Web with { Destinations = [Web.Destinations[0], handMade] }]);

        ipvs.Tell(IpvsActor.ReleaseAll.Instance, TestActor);
        Assert.Empty(ExpectMsg<IpvsActor.Released>().Errors);
        AssertTable([foreign]);
        Assert.DoesNotContain(_kernel.Sent, op => op.Contains(":443") || op.Contains("10.0.0.8"));
    }

    [Fact]
    public void Existing_equal_entries_are_adopted_with_their_weight_corrected()
    {
        _kernel.Put(Web with { Destinations = [Masq("10.0.0.2", 80, 9), Masq("10.0.0.3", 80)] });
        var ipvs = Start();
        Assert.Empty(Apply(ipvs, "web", Web));
        Assert.Equal(["SET_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 3"], Operations(ipvs));
        // adopted: released at stop
        ipvs.Tell(IpvsActor.ReleaseAll.Instance, TestActor);
        ExpectMsg<IpvsActor.Released>();
        Assert.Empty(_kernel.Table);
    }

    [Fact]
    public void A_restarted_actor_has_lost_nothing()
    {
        var host = StartHosted(new IpvsActor.Settings(Interval));
        host.Tell(new IpvsActor.Subscribe(TestActor));
        ExpectMsg<IpvsActor.Available>();
        Assert.Empty(Apply(host, "web", Web));
        Assert.Empty(Apply(host, "dns", Dns));

        Assert.Equal(2, Restart(host).Services.Count);

        // the new incarnation neither re-creates nor re-publishes; it still knows what it owns
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(5, Operations(host).Count);
        _kernel.Put(Web with { Destinations = [Web.Destinations[0]] });
        Advance(Interval);
        Assert.Equal("NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 1", Operations(host)[^1]);
        host.Tell(IpvsActor.ReleaseAll.Instance, TestActor);
        Assert.Empty(ExpectMsg<IpvsActor.Released>().Errors);
        Assert.Empty(_kernel.Table);
    }

    [Fact]
    public void ReleaseAll_deletes_owner_by_owner_destinations_then_service_and_restores_timeouts()
    {
        var ipvs = Start();
        var second = new DesiredService(Tcp("10.0.0.1", 81), [Masq("10.0.0.4", 81)]);
        Apply(ipvs, "dns", Dns);
        Apply(ipvs, "web", Web, second);
        ipvs.Tell(new IpvsActor.SetTimeouts(new IpvsTimeouts(1000, 0, 0)), TestActor);
        Assert.Empty(ExpectMsg<IpvsActor.Applied>().Errors);
        Assert.Equal(new IpvsTimeouts(1000, 120, 300), _kernel.Timeouts);
        ipvs.Tell(new IpvsActor.SyncDaemon(new IpvsSyncDaemon(IpvsSyncState.Master, "eth0", 1), true), TestActor);
        ExpectMsg<IpvsActor.Applied>();
        var before = _kernel.Sent.Count;

        ipvs.Tell(IpvsActor.ReleaseAll.Instance, TestActor);
        Assert.Empty(ExpectMsg<IpvsActor.Released>().Errors);
        Assert.Equal([
            "DEL_DEST UDP 10.0.0.1:53 -> 10.0.0.2:53", "DEL_SERVICE UDP 10.0.0.1:53",
            "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80", "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80", "DEL_SERVICE TCP 10.0.0.1:80",
            "DEL_DEST TCP 10.0.0.1:81 -> 10.0.0.4:81", "DEL_SERVICE TCP 10.0.0.1:81",
            "DEL_DAEMON Master eth0 1", "SET_CONFIG 900 120 300"], _kernel.Sent.Skip(before));
        Assert.Empty(_kernel.Daemons);

        // released: nothing is applied any more
        Assert.NotEmpty(Apply(ipvs, "web", Web));
        Advance(Interval);
        Assert.Empty(_kernel.Table);
    }

    [Fact]
    public void Forget_answers_without_touching_the_kernel()
    {
        var ipvs = Start();
        Apply(ipvs, "web", Web);
        ipvs.Tell(IpvsActor.Forget.Instance, TestActor);
        Assert.Empty(ExpectMsg<IpvsActor.Released>().Errors);
        Advance(Interval);
        Assert.Equal(WebCreated, _kernel.Sent);
        AssertTable([Web]);
    }

    [Fact]
    public void EPERM_is_logged_once_with_the_service_and_retried_only_after_the_state_changes()
    {
        _kernel.FailWith = op => op.Command == IpvsCommand.NewService && op.Service.Port == 80 ? Errno.EPERM : null;
        var ipvs = Start();
        var errors = Apply(ipvs, "web", Web, Dns);
        var error = Assert.Single(errors);
        Assert.Contains("TCP 10.0.0.1:80", error);
        Assert.Contains("EPERM", error);
        AssertTable([Dns]);
        Assert.Single(Apply(ipvs, "web", Web, Dns));
        Advance(Interval);
        Advance(Interval);
        Assert.Single(_kernel.Sent, op => op.StartsWith("NEW_SERVICE TCP 10.0.0.1:80", StringComparison.Ordinal));
        var logged = Logs.Events.Where(e => e.LogLevel() == LogLevel.ErrorLevel && e.ToString().Contains("TCP 10.0.0.1:80")).ToList();
        Assert.Single(logged);

        _kernel.FailWith = _ => null;
        Assert.Empty(Apply(ipvs, "web", Web with { Destinations = [Web.Destinations[0]] }, Dns));
        AssertTable([Web with { Destinations = [Web.Destinations[0]] }, Dns]);
    }

    [Fact]
    public void A_table_that_moved_under_a_batch_is_fixed_by_the_re_dump_after_it()
    {
        var failed = false;
        // the kernel says EEXIST but has not got it (a racing ipvsadm -d): the next pass sees it missing
        _kernel.FailWith = op =>
        {
            if (failed || op.Command != IpvsCommand.NewDest || op.Destination?.Address.ToString() != "10.0.0.3") return null;
            failed = true;
            return Errno.EEXIST;
        };
        var ipvs = Start();
        Assert.Empty(Apply(ipvs, "web", Web));
        AssertTable([Web]);
        Assert.Equal(2, _kernel.Sent.Count(op => op.StartsWith("NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_ip_vs_it_is_Unavailable_once_then_Available_and_applies_what_it_kept()
    {
        _kernel.Loaded = false;
        _kernel.ModprobeWorks = false;
        var subscriber = CreateTestProbe();
        var ipvs = Start();
        ipvs.Tell(new IpvsActor.Subscribe(subscriber));
        Assert.Contains("no IPVS", subscriber.ExpectMsg<IpvsActor.Unavailable>().Reason);
        Assert.Equal(1, _kernel.ModprobeRuns);
        var errors = Apply(ipvs, "web", Web);
        Assert.Contains("unavailable", Assert.Single(errors));
        Advance(IpvsActor.RetryInterval);
        Advance(IpvsActor.RetryInterval);
        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, _kernel.ModprobeRuns);

        _kernel.Loaded = true;
        Advance(IpvsActor.RetryInterval);
        subscriber.ExpectMsg<IpvsActor.Available>();
        Assert.Empty(ExpectMsg<IpvsActor.Applied>().Errors);
        AssertTable([Web]);
        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_modprobe_that_works_makes_it_Available_without_an_Unavailable()
    {
        _kernel.Loaded = false;
        var ipvs = Start();
        ipvs.Tell(new IpvsActor.Subscribe(TestActor));
        ExpectMsg<IpvsActor.Available>();
        Assert.Equal(1, _kernel.ModprobeRuns);
        Assert.Empty(Apply(ipvs, "web", Web));
    }

    [Fact]
    public void Without_module_loading_modprobe_is_not_run()
    {
        _kernel.Loaded = false;
        var ipvs = Start(loadModule: false);
        ipvs.Tell(new IpvsActor.Subscribe(TestActor));
        ExpectMsg<IpvsActor.Unavailable>();
        Assert.Equal(0, _kernel.ModprobeRuns);
    }

    [Fact]
    public void A_service_another_owner_has_is_refused_by_name()
    {
        var ipvs = Start();
        Apply(ipvs, "a", Web);
        var wantedByB = Web with { Destinations = [Masq("10.0.0.9", 80)] };
        var error = Assert.Single(Apply(ipvs, "b", wantedByB));
        Assert.Contains("already managed by a", error);
        AssertTable([Web]);
        // emptying an owner's list removes everything of it; the service is then free for b (at the next pass)
        Assert.Empty(Apply(ipvs, "a"));
        AssertTable([wantedByB]);
        Assert.Equal("NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.9:80 masq weight 1", Operations(ipvs)[^1]);
    }

    [Fact]
    public void A_scheduler_change_is_one_SET_SERVICE_and_a_weight_change_one_SET_DEST()
    {
        var ipvs = Start();
        Apply(ipvs, "web", Web);
        var changed = new DesiredService(Web.Service with { Scheduler = "wlc" }, [Web.Destinations[0] with { Weight = 0 }, Web.Destinations[1]]);
        Assert.Empty(Apply(ipvs, "web", changed));
        Assert.Equal(["SET_SERVICE TCP 10.0.0.1:80 wlc", "SET_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 0"], Operations(ipvs).Skip(3));
        AssertTable([changed]);
    }

    [Fact]
    public void Timeouts_and_sync_daemons_asked_while_unavailable_are_sent_once_IPVS_answers_and_not_again_on_restart()
    {
        _kernel.Loaded = false;
        _kernel.ModprobeWorks = false;
        var host = StartHosted(new IpvsActor.Settings(Interval));
        host.Tell(new IpvsActor.Subscribe(TestActor));
        ExpectMsg<IpvsActor.Unavailable>();
        host.Tell(new IpvsActor.SetTimeouts(new IpvsTimeouts(0, 0, 60)), TestActor);
        Assert.Contains("unavailable", Assert.Single(ExpectMsg<IpvsActor.Applied>().Errors));
        host.Tell(new IpvsActor.SyncDaemon(new IpvsSyncDaemon(IpvsSyncState.Backup, "eth0", 3), true), TestActor);
        Assert.Contains("unavailable", Assert.Single(ExpectMsg<IpvsActor.Applied>().Errors));
        Assert.Empty(_kernel.Sent);

        _kernel.Loaded = true;
        Advance(IpvsActor.RetryInterval);
        ExpectMsg<IpvsActor.Available>();
        Assert.Empty(ExpectMsg<IpvsActor.Applied>().Errors);
        Assert.Equal(["SET_CONFIG 900 120 60", "NEW_DAEMON Backup eth0 3"], _kernel.Sent);

        Restart(host);
        Assert.Equal(2, _kernel.Sent.Count);

        host.Tell(IpvsActor.ReleaseAll.Instance, TestActor);
        Assert.Empty(ExpectMsg<IpvsActor.Released>().Errors);
        Assert.Equal(["DEL_DAEMON Backup eth0 3", "SET_CONFIG 900 120 300"], _kernel.Sent.Skip(2));
    }
}
