using Keepalived.Actors.Check;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Watchdog;
using Keepalived.Tests.Config;

namespace Keepalived.Tests.Check.Actors;

/// <summary>
/// The checker subtree on virtual time with fake probes: real servers programmed at once, the
/// first check 1 s later (warmup share 0), a failure taking a server out, two good HTTP checks
/// to come back, omega notifies at stop, -I leaving everything, restarts losing nothing.
/// </summary>
public sealed class CheckerSubtreeTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private readonly CheckRig _rig = new();
    private static string Config(string checker = "TCP_CHECK { connect_timeout 2 }", string vsBody = "") => $$"""
        global_defs {
            enable_script_security
            script_user root
        }
        virtual_server 10.199.0.100 80 {
            delay_loop 10
            lb_algo rr
            lb_kind NAT
            protocol TCP
            {{vsBody}}
            real_server 10.199.0.11 8080 {
                weight 2
                notify_down "/bin/true down1"
                {{checker}}
            }
            real_server 10.199.0.12 8080 {
                weight 3
                {{checker}}
            }
        }
        """;

    private (IActorRef Watchdog, TestProbe Ipvs, TestProbe Notify) Start(string text, bool awaitCheckers = true)
    {
        var ipvs = CreateTestProbe("ipvs");
        var notify = CreateTestProbe("notify");
        var config = ConfigText.Load(text).Config;
        var watchdog = Sys.ActorOf(WatchdogActor.Props(), "watchdog");
        watchdog.Tell(new WatchdogActor.Start(config, RunVrrp: false, RunChecker: true,
            CheckSettings: CheckRig.Settings, CheckLeaves: _rig.Leaves(ipvs, notify)));
        // the checkers start asynchronously: virtual time may move only once their first timers are set
        if (awaitCheckers) AwaitCondition(() => CheckersRunning() == 2);
        return (watchdog, ipvs, notify);
    }

    [Fact]
    public void The_checkers_start_once_IPVS_answered_for_the_first_tables_or_after_a_minute_without_an_answer()
    {
        _rig.IpvsAnswers = false;
        var (_, ipvs, _) = Start(Config(), awaitCheckers: false);
        Assert.Equal("[10.199.0.100]:tcp:80", ipvs.ExpectMsg<IpvsActor.DesiredState>().Owner);
        Assert.Equal(0, CheckersRunning());
        Advance(CheckerManagerActor.FirstTableTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, CheckersRunning());
        Advance(TimeSpan.FromSeconds(1));
        AwaitCondition(() => CheckersRunning() == 2);
        Assert.Equal(0, _rig.ProbeOf("10.199.0.11").Runs);
    }

    /// <summary>The checkers running now (vs / rs / checker).</summary>
    private int CheckersRunning()
    {
        var identities = CreateTestProbe();
        Sys.ActorSelection("/user/watchdog/check/vs-*/rs-*/*").Tell(new Identify(null), identities.Ref);
        return identities.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m).OfType<ActorIdentity>().Count(i => i.Subject is not null);
    }

    [Fact]
    public void Real_servers_are_programmed_at_once_and_a_failed_first_check_takes_one_out()
    {
        var (_, ipvs, _) = Start(Config());
        var first = ipvs.ExpectMsg<IpvsActor.DesiredState>();
        Assert.Equal("[10.199.0.100]:tcp:80", first.Owner);
        Assert.Equal(["10.199.0.11:8080 2", "10.199.0.12:8080 3"], CheckRig.Destinations(first));
        Assert.Equal(0, _rig.ProbeOf("10.199.0.11").Runs);

        _rig.ProbeOf("10.199.0.11").Healthy = false;
        Advance(TimeSpan.FromMilliseconds(999));
        ipvs.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["10.199.0.12:8080 3"], CheckRig.Destinations(ipvs.ExpectMsg<IpvsActor.DesiredState>()));
    }

    [Fact]
    public void A_dead_server_returns_after_one_good_tcp_check()
    {
        var (_, ipvs, notify) = Start(Config());
        ipvs.ExpectMsg<IpvsActor.DesiredState>();
        _rig.ProbeOf("10.199.0.11").Healthy = false;
        Advance(TimeSpan.FromSeconds(1));
        ipvs.ExpectMsg<IpvsActor.DesiredState>();
        Assert.Equal("/bin/true down1", string.Join(' ', notify.FishForMessage<NotifyActor.CheckNotify>(n => n.Script is not null).Script!.Args));
        _rig.ProbeOf("10.199.0.11").Healthy = true;
        Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(["10.199.0.11:8080 2", "10.199.0.12:8080 3"], CheckRig.Destinations(ipvs.ExpectMsg<IpvsActor.DesiredState>()));
    }

    [Fact]
    public void An_unchanged_pool_tells_ipvs_nothing()
    {
        var (_, ipvs, _) = Start(Config());
        ipvs.ExpectMsg<IpvsActor.DesiredState>();
        Advance(TimeSpan.FromSeconds(1));
        AwaitCondition(() => _rig.ProbeOf("10.199.0.12").Runs >= 1);
        // the next check's timer (delay_loop 10 s) is set once the first run's result is taken: move on a
        // delay_loop at a time until it ran (a step taken before the timer was set is simply lost)
        AwaitCondition(() =>
        {
            Advance(TimeSpan.FromSeconds(10));
            return _rig.ProbeOf("10.199.0.12").Runs >= 2;
        });
        ipvs.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Http_needs_two_good_checks_to_come_back_spaced_by_the_longer_delay()
    {
        const string http = "HTTP_GET { url { path / } connect_timeout 2 delay_before_retry 3 }";
        var (_, ipvs, _) = Start(Config(http));
        ipvs.ExpectMsg<IpvsActor.DesiredState>();
        var probe = _rig.ProbeOf("10.199.0.11");
        probe.Healthy = false;
        Advance(TimeSpan.FromSeconds(1));
        Assert.Single(CheckRig.Destinations(ipvs.ExpectMsg<IpvsActor.DesiredState>()));
        probe.Healthy = true;
        // while down it is checked every max(dbr 3, dl 10): nothing at 9 s, then the failed URL at 10 s
        Advance(TimeSpan.FromSeconds(9));
        AwaitCondition(() => _rig.ProbeOf("10.199.0.12").Runs >= 1);
        Assert.Equal(1, probe.Runs);
        Advance(TimeSpan.FromSeconds(1));
        AwaitCondition(() => probe.Runs == 2);
        ipvs.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        // the whole list again, delay_loop later
        Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, CheckRig.Destinations(ipvs.ExpectMsg<IpvsActor.DesiredState>()).Count);
    }

    /// <summary>Omega with a quorum_down script, started and settled (the start's notifies taken).</summary>
    private (IActorRef Watchdog, TestProbe Ipvs, TestProbe Notify) StartWithOmega()
    {
        var (watchdog, ipvs, notify) = Start(Config(vsBody: """
            omega
            quorum_down "/bin/true qdown"
            """));
        ipvs.ExpectMsg<IpvsActor.DesiredState>();
        notify.ReceiveWhile<object>(TimeSpan.FromMilliseconds(300), m => m);
        return (watchdog, ipvs, notify);
    }

    [Fact]
    public void Omega_stop_notifies_each_live_server_down_then_quorum_down_then_releases_ipvs()
    {
        var (watchdog, ipvs, notify) = StartWithOmega();
        watchdog.Tell(new WatchdogActor.Shutdown(ReleaseVips: true));
        // the entries go in one ReleaseAll, owner by owner (clear_services), after the notifies
        ipvs.ExpectMsg<IpvsActor.ReleaseAll>();
        ExpectMsg<WatchdogActor.Stopped>();
        var scripts = notify.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m).OfType<NotifyActor.CheckNotify>()
            .Where(n => n.Script is not null).Select(n => (string.Join(' ', n.Script!.Args), n.Stopping)).ToList();
        Assert.Equal([("/bin/true down1", true), ("/bin/true qdown", true)], scripts);
    }

    [Fact]
    public void Dont_release_ipvs_touches_nothing_and_runs_no_script()
    {
        var (watchdog, ipvs, notify) = StartWithOmega();
        watchdog.Tell(new WatchdogActor.Shutdown(ReleaseVips: true, ReleaseIpvs: false));
        ipvs.ExpectMsg<IpvsActor.Forget>();
        ExpectMsg<WatchdogActor.Stopped>();
        notify.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task A_checker_that_throws_is_restarted_and_the_pool_is_not_touched()
    {
        var (_, ipvs, _) = Start(Config());
        ipvs.ExpectMsg<IpvsActor.DesiredState>();
        var fault = Faults.On("/user/watchdog/check/*/rs-10.199.0.11:tcp:8080/tcp_check-0").Throw();
        Advance(TimeSpan.FromSeconds(1));
        await fault.WhenTriggered.WaitAsync(RemainingOrDefault);
        ipvs.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        // the new incarnation (after its restart backoff) checks again and a failure still takes the server out
        var probe = _rig.ProbeOf("10.199.0.11");
        probe.Healthy = false;
        AwaitCondition(() =>
        {
            Advance(TimeSpan.FromMilliseconds(500));
            return probe.Runs >= 1;
        });
        Assert.Equal(["10.199.0.12:8080 3"], CheckRig.Destinations(ipvs.ExpectMsg<IpvsActor.DesiredState>()));
    }
}

/// <summary>ha_suspend: the checkers of a virtual server whose address is not local do not check.</summary>
public sealed class HaSuspendTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    [Fact]
    public void Checks_are_suspended_until_the_virtual_address_is_local_and_the_pool_stays()
    {
        var rig = new CheckRig();
        var ipvs = CreateTestProbe("ipvs");
        var config = ConfigText.Load("""
            virtual_server 10.199.0.100 80 {
                delay_loop 10
                ha_suspend
                protocol TCP
                real_server 10.199.0.11 8080 {
                    TCP_CHECK { connect_timeout 2 }
                }
            }
            """).Config;
        var watchdog = Sys.ActorOf(WatchdogActor.Props(), "watchdog");
        watchdog.Tell(new WatchdogActor.Start(config, RunVrrp: false, RunChecker: true,
            CheckSettings: CheckRig.Settings, CheckLeaves: rig.Leaves(ipvs, CreateTestProbe("notify"))));
        Assert.Single(CheckRig.Destinations(ipvs.ExpectMsg<IpvsActor.DesiredState>()));
        var probe = rig.ProbeOf("10.199.0.11");
        probe.Healthy = false;
        AwaitCondition(() => Clock.PendingTimers > 0);
        for (var i = 0; i < 3; i++) Advance(TimeSpan.FromSeconds(10));
        ipvs.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, probe.Runs);

        // the VIP arrives: the next due check runs, fails, and takes the server out
        Sys.ActorSelection("/user/watchdog/check").Tell(
            new AddressWatcherActor.LocalAddresses(new HashSet<System.Net.IPAddress> { System.Net.IPAddress.Parse("10.199.0.100") }));
        AwaitCondition(() =>
        {
            Advance(TimeSpan.FromSeconds(2));
            return probe.Runs > 0;
        }, TimeSpan.FromSeconds(10));
        Assert.Empty(CheckRig.Destinations(ipvs.ExpectMsg<IpvsActor.DesiredState>()));
    }
}
