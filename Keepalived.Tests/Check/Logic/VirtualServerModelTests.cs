using System.Net;
using Keepalived.Actors.Check.Logic;
using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Tests.Config;

namespace Keepalived.Tests.Check.Logic;

/// <summary>The pool of a virtual server as keepalived's ipwrapper.c keeps it (docs/check.md §1.2, §1.5–§1.9, §1.14).</summary>
public sealed class VirtualServerModelTests
{
    /// <summary>A virtual server 10.0.0.1:80/tcp with <paramref name="body"/> added and real servers 10.0.1.N:8080.</summary>
    internal static VirtualServer Load(string body, int servers = 2, string rsBody = "", string head = "virtual_server 10.0.0.1 80")
    {
        var text = $$"""
            global_defs {
                enable_script_security
                script_user root
            }
            {{head}} {
                delay_loop 6
                lb_algo wrr
                lb_kind NAT
                protocol TCP
                {{body}}
            {{string.Concat(Enumerable.Range(1, servers).Select(i => $$"""
                real_server 10.0.1.{{i}} 8080 {
                    weight {{i}}
                    notify_up "/bin/true up{{i}}"
                    notify_down "/bin/true down{{i}}"
                    {{rsBody}}
                    TCP_CHECK {
                        connect_timeout 3
                    }
                }

            """))}}
            }
            """;
        var result = ConfigText.Load(text);
        // warnings (a fwmark service's protocol ignored) are fine; the virtual server must be kept
        Assert.True(result.Config.Check.VirtualServers.Count == 1, string.Join("\n", result.Diagnostics.All.Select(d => d.Message)));
        return Assert.Single(result.Config.Check.VirtualServers);
    }

    private static string Words(CheckEffect e) => e switch
    {
        CheckEffect.RunScript r => string.Join(' ', r.Script.Args.Skip(1)),
        CheckEffect.FifoLine f => f.Line,
        CheckEffect.Log l => "log: " + l.Message,
        _ => "?",
    };

    private static List<string> Scripts(VirtualServerModel m) =>
        m.TakeEffects().OfType<CheckEffect.RunScript>().Select(Words).ToList();

    private static List<(string Address, int Weight)> Destinations(VirtualServerModel m) =>
        Assert.Single(m.Table()).Destinations.Select(d => (d.Address.ToString(), d.Weight)).ToList();

    [Fact]
    public void Real_servers_start_alive_and_in_the_kernel_and_quorum_up_runs_at_start()
    {
        var m = new VirtualServerModel(Load("""quorum_up "/bin/true qup" """));
        m.Start([false, false]);
        Assert.Equal([("10.0.1.1", 1), ("10.0.1.2", 2)], Destinations(m));
        var (service, _) = Assert.Single(m.Table());
        Assert.Equal(IpvsService.ForAddress(IpvsProtocol.Tcp, IPAddress.Parse("10.0.0.1"), 80, "wrr"), service);
        Assert.Equal(["qup"], Scripts(m));
    }

    [Fact]
    public void A_dead_server_leaves_the_kernel_with_notify_down_and_a_fifo_line()
    {
        var m = new VirtualServerModel(Load(""));
        m.Start([false, false]);
        m.TakeEffects();
        m.SetAlive(0, false);
        Assert.Equal([("10.0.1.2", 2)], Destinations(m));
        var effects = m.TakeEffects().Select(Words).ToList();
        Assert.Equal(["log: Removing service [10.0.1.1]:tcp:8080 from VS [10.0.0.1]:tcp:80", "down1", "RS [10.0.1.1]:tcp:8080 [10.0.0.1]:tcp:80 DOWN"], effects);
        m.SetAlive(0, true);
        Assert.Equal([("10.0.1.2", 2), ("10.0.1.1", 1)], Destinations(m).OrderBy(d => d.Weight).Reverse().ToList());
        Assert.Equal(["up1"], Scripts(m));
    }

    [Fact]
    public void Inhibit_on_failure_sets_weight_zero_and_never_deletes_while_running()
    {
        var m = new VirtualServerModel(Load("inhibit_on_failure"));
        m.Start([false, false]);
        m.SetAlive(1, false);
        Assert.Equal([("10.0.1.1", 1), ("10.0.1.2", 0)], Destinations(m));
        m.SetAlive(1, true);
        Assert.Equal([("10.0.1.1", 1), ("10.0.1.2", 2)], Destinations(m));
    }

    [Fact]
    public void An_inhibited_server_that_starts_failing_is_in_the_kernel_with_weight_zero()
    {
        var m = new VirtualServerModel(Load("inhibit_on_failure"));
        m.Start([true, false]);
        Assert.Equal([("10.0.1.1", 0), ("10.0.1.2", 2)], Destinations(m));
        Assert.False(m.IsAlive(0));
    }

    [Fact]
    public void Alpha_servers_stay_out_until_their_first_success()
    {
        var m = new VirtualServerModel(Load(""));
        m.Start([true, true]);
        Assert.Empty(Destinations(m));
        m.FirstResultNotify(0);
        Assert.Equal(["down1"], Scripts(m));
        m.SetAlive(1, true);
        Assert.Equal([("10.0.1.2", 2)], Destinations(m));
    }

    [Fact]
    public void Losing_quorum_swaps_the_pool_for_the_sorry_server_and_gaining_it_swaps_back()
    {
        var m = new VirtualServerModel(Load("""
            quorum 3
            quorum_up "/bin/true qup"
            quorum_down "/bin/true qdown"
            sorry_server 10.0.2.1 8080
            """));
        m.Start([false, false]);
        Assert.Equal(["qup"], Scripts(m));
        m.SetAlive(1, false); // weight 1 < 3
        Assert.Equal([("10.0.2.1", 1)], Destinations(m));
        Assert.True(m.SorryInUse);
        Assert.Equal(["down2", "qdown"], Scripts(m));
        // a server changing while the sorry server holds the pool changes only its state
        m.SetAlive(0, false);
        Assert.Equal([("10.0.2.1", 1)], Destinations(m));
        m.SetAlive(0, true);
        m.SetAlive(1, true);
        Assert.Equal([("10.0.1.1", 1), ("10.0.1.2", 2)], Destinations(m));
        Assert.Equal(["down1", "up1", "up2", "qup"], Scripts(m));
    }

    [Fact]
    public void Starting_below_quorum_runs_quorum_down_only_with_a_sorry_server()
    {
        var with = new VirtualServerModel(Load("""
            quorum 3
            quorum_down "/bin/true qdown"
            sorry_server 10.0.2.1 8080
            """));
        with.Start([true, true]);
        Assert.Equal(["qdown"], Scripts(with));
        Assert.Equal([("10.0.2.1", 1)], Destinations(with));

        var without = new VirtualServerModel(Load("""
            quorum 3
            quorum_down "/bin/true qdown"
            """));
        without.Start([true, true]);
        Assert.Empty(Scripts(without));
    }

    [Fact]
    public void Hysteresis_gains_at_quorum_plus_and_loses_below_quorum_minus()
    {
        // weights 1, 2, 3: sum 6; quorum 4, hysteresis 1 → gain at ≥ 5, loss below 3
        var m = new VirtualServerModel(Load("""
            quorum 4
            hysteresis 1
            quorum_up "/bin/true qup"
            quorum_down "/bin/true qdown"
            """, servers: 3));
        m.Start([false, false, false]);
        Assert.Equal(["qup"], Scripts(m));
        m.SetAlive(1, false); // 4: still up
        Assert.True(m.QuorumUp);
        m.SetAlive(0, false); // 3: not below 3
        Assert.True(m.QuorumUp);
        m.SetAlive(2, false); // 0: lost
        Assert.False(m.QuorumUp);
        m.SetAlive(2, true); // 3 < 5
        m.SetAlive(0, true); // 4 < 5
        Assert.False(m.QuorumUp);
        m.SetAlive(1, true); // 6 ≥ 5
        Assert.True(m.QuorumUp);
    }

    [Fact]
    public void A_weight_change_edits_the_kernel_weight_in_place()
    {
        var m = new VirtualServerModel(Load(""));
        m.Start([false, false]);
        m.SetWeight(0, 5);
        Assert.Equal([("10.0.1.1", 5), ("10.0.1.2", 2)], Destinations(m));
        m.SetWeight(0, -3);
        Assert.Equal([("10.0.1.1", 0), ("10.0.1.2", 2)], Destinations(m));
    }

    [Fact]
    public void Omega_stop_runs_notify_down_for_live_servers_then_quorum_down_and_empties_the_table()
    {
        var m = new VirtualServerModel(Load("""
            omega
            quorum_down "/bin/true qdown"
            """));
        m.Start([false, true]);
        m.TakeEffects();
        m.Stop(stopping: true);
        var effects = m.TakeEffects();
        Assert.Equal(["down1", "qdown"], effects.OfType<CheckEffect.RunScript>().Select(Words).ToList());
        Assert.All(effects.OfType<CheckEffect.RunScript>(), e => Assert.True(e.Stopping));
        Assert.Empty(m.Table());
    }

    [Fact]
    public void Stop_without_omega_runs_no_script_and_deletes_inhibited_servers_too()
    {
        var m = new VirtualServerModel(Load("""
            inhibit_on_failure
            quorum_down "/bin/true qdown"
            """));
        m.Start([false, true]);
        m.TakeEffects();
        m.Stop(stopping: true);
        Assert.Empty(Scripts(m));
        Assert.False(m.InKernel(0));
        Assert.False(m.InKernel(1));
    }

    [Fact]
    public void A_fwmark_direct_route_service_has_destination_port_zero()
    {
        var m = new VirtualServerModel(Load("", head: "virtual_server fwmark 7", rsBody: "lvs_method DR"));
        m.Start([false, false]);
        var (service, destinations) = Assert.Single(m.Table());
        Assert.Equal(7u, service.FwMark);
        Assert.All(destinations, d => Assert.Equal(0, d.Port));
        Assert.All(destinations, d => Assert.Equal(IpvsForwardingMethod.Route, d.ForwardingMethod));
    }

    [Fact]
    public void Persistence_sets_the_flag_timeout_and_granularity()
    {
        var m = new VirtualServerModel(Load("""
            persistence_timeout 300
            persistence_granularity 255.255.255.0
            """));
        m.Start([false, false]);
        var (service, _) = Assert.Single(m.Table());
        Assert.True(service.Flags.HasFlag(ServiceFlags.Persistent));
        Assert.Equal(300u, service.Timeout);
        Assert.Equal(0xFFFFFF00u, service.Netmask);
    }

    [Fact]
    public void A_group_range_is_one_service_per_address_with_every_destination()
    {
        var text = """
            virtual_server_group G {
                10.0.0.1-3 80
                fwmark 9
            }
            virtual_server group G {
                delay_loop 6
                lb_algo rr
                lb_kind DR
                protocol TCP
                real_server 10.0.1.1 8080 {
                    TCP_CHECK {
                    }
                }
            }
            """;
        var result = ConfigText.Load(text);
        var m = new VirtualServerModel(Assert.Single(result.Config.Check.VirtualServers));
        m.Start([false]);
        var table = m.Table();
        Assert.Equal(["10.0.0.1:80", "10.0.0.2:80", "10.0.0.3:80", "fwm 9"],
            table.Select(t => t.Service.IsFwMark ? $"fwm {t.Service.FwMark}" : $"{t.Service.Address}:{t.Service.Port}").ToList());
        Assert.All(table, t => Assert.Equal(t.Service.IsFwMark ? 0 : 80, Assert.Single(t.Destinations).Port));
    }
}
