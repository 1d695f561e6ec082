using System.Collections.Concurrent;
using System.Net;
using Akka.Actor;
using Keepalived.Actors.Kernel.Ipvs;
using static IpvsKernelCheck.Checks;
using static IpvsKernelCheck.KernelScenarios;

namespace IpvsKernelCheck;

/// <summary><see cref="IpvsActor"/> on the real kernel: apply, reconcile, adoption, foreign entries, release, drain.</summary>
internal sealed partial class ActorScenarios(ActorSystem system)
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Reconcile = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private const string RmmodIpvs = "for m in ip_vs_mh ip_vs_ovf ip_vs_fo ip_vs_lblcr ip_vs_lblc ip_vs_nq ip_vs_sed ip_vs_dh ip_vs_sh ip_vs_wlc ip_vs_lc ip_vs_wrr ip_vs_rr ip_vs; do rmmod $m 2>/dev/null; done; ! grep -q '^ip_vs ' /proc/modules";

    private static readonly IpvsActor.DesiredService Web = new(Tcp("10.0.0.1", 80),
        [Dest("10.0.0.2", 80, weight: 3), Dest("10.0.0.3", 80, weight: 1)]);

    private static readonly IpvsActor.DesiredService Dns = new(IpvsService.ForAddress(IpvsProtocol.Udp, Vip, 53, "rr"),
        [Dest("10.0.0.2", 53, IpvsForwardingMethod.Route)]);

    private static readonly string[] WebLines =
        ["-A -t 10.0.0.1:80 -s wrr", "-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 3", "-a -t 10.0.0.1:80 -r 10.0.0.3:80 -m -w 1"];

    private static readonly string[] DnsLines = ["-A -u 10.0.0.1:53 -s rr", "-a -u 10.0.0.1:53 -r 10.0.0.2:53 -g -w 1"];

    private int _actors;

    private IActorRef Start(BlockingCollection<object>? inbox = null, bool loadModule = true, TimeSpan? reconcile = null, TimeSpan? drain = null)
    {
        var settings = new IpvsActor.Settings(reconcile ?? Reconcile, loadModule, drain);
        var actor = system.ActorOf(IpvsActor.Props(new IpvsActor.State(), settings), $"ipvs-{++_actors}");
        if (inbox is not null) actor.Tell(new IpvsActor.Subscribe(system.ActorOf(Collector.Props(inbox))));
        return actor;
    }

    private static IReadOnlyList<string> Apply(IActorRef actor, string owner, params IpvsActor.DesiredService[] services) =>
        actor.Ask<IpvsActor.Applied>(new IpvsActor.DesiredState(owner, services), Ask).GetAwaiter().GetResult().Errors;

    private static IReadOnlyList<string> Operations(IActorRef actor) =>
        actor.Ask<IpvsActor.Operations>(IpvsActor.GetOperations.Instance, Ask).GetAwaiter().GetResult().Log;

    private static void Release(IActorRef actor)
    {
        var released = actor.Ask<IpvsActor.Released>(IpvsActor.ReleaseAll.Instance, Ask).GetAwaiter().GetResult();
        That(released.Errors.Count == 0, "release: " + string.Join(" | ", released.Errors));
    }

    private static T Next<T>(BlockingCollection<object> inbox, TimeSpan within)
    {
        That(inbox.TryTake(out var message, within), $"no {typeof(T).Name} within {within.TotalSeconds} s");
        return message is T t ? t : throw new CheckFailed($"expected {typeof(T).Name}, got {message}");
    }

    public void Run(Checks checks)
    {
        checks.Run("actor: no ip_vs (modprobe fails) -> Unavailable once; ip_vs loaded -> Available and the kept state applied", () =>
        {
            Shell.Clear();
            var modprobe = File.ReadAllText("/proc/sys/kernel/modprobe").Trim();
            try
            {
                File.WriteAllText("/proc/sys/kernel/modprobe", "/bin/false");
                var (code, output) = Shell.Run(RmmodIpvs);
                That(code == 0, "rmmod: " + output);
                var inbox = new BlockingCollection<object>();
                var actor = Start(inbox, loadModule: true);
                var unavailable = Next<IpvsActor.Unavailable>(inbox, Within);
                Console.WriteLine($"# Unavailable: {unavailable.Reason}");
                var errors = Apply(actor, "web", Web);
                That(errors.Count == 1 && errors[0].Contains("unavailable"), "while unavailable: " + string.Join(" | ", errors));
                File.WriteAllText("/proc/sys/kernel/modprobe", modprobe);
                That(Shell.Run("modprobe ip_vs").Code == 0, "modprobe ip_vs failed");
                Next<IpvsActor.Available>(inbox, TimeSpan.FromSeconds(40));
                TableWithin(Within, WebLines);
                That(inbox.Count == 0, "more published: " + string.Join(", ", inbox));
                Release(actor);
                Table();
                system.Stop(actor);
            }
            finally
            {
                File.WriteAllText("/proc/sys/kernel/modprobe", modprobe);
            }
        });

        checks.Run("actor: desired state applied in order; unchanged -> zero operations", () =>
        {
            Shell.Clear();
            var actor = Start();
            var errors = Apply(actor, "web", Web);
            That(errors.Count == 0, string.Join(" | ", errors));
            Table(WebLines);
            var ops = Operations(actor);
            That(ops.SequenceEqual(["NEW_SERVICE TCP 10.0.0.1:80 wrr", "NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 3",
                "NEW_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 1"]), "operations: " + string.Join(" | ", ops));
            That(Apply(actor, "web", Web).Count == 0, "second apply failed");
            Thread.Sleep(Reconcile * 3);
            That(Operations(actor).Count == 3, "operations after unchanged state and reconciles: " + string.Join(" | ", Operations(actor)));

            // a weight change is one SET_DEST
            Apply(actor, "web", Web with { Destinations = [Dest("10.0.0.2", 80, weight: 0), Dest("10.0.0.3", 80, weight: 1)] });
            ops = Operations(actor);
            That(ops.Count == 4 && ops[3] == "SET_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 0", "weight change: " + string.Join(" | ", ops));
            Apply(actor, "web", Web);
            Release(actor);
            system.Stop(actor);
        });

        checks.Run("actor: ipvsadm -D of an owned service and -d of an owned destination restored by reconcile", () =>
        {
            Shell.Clear();
            var actor = Start();
            Apply(actor, "web", Web);
            Apply(actor, "dns", Dns);
            Shell.Run("ipvsadm -D -t 10.0.0.1:80");
            TableWithin(Within, [.. WebLines, .. DnsLines]);
            Shell.Run("ipvsadm -d -u 10.0.0.1:53 -r 10.0.0.2:53");
            TableWithin(Within, [.. WebLines, .. DnsLines]);
            Release(actor);
            Table();
            system.Stop(actor);
        });

        checks.Run("actor: foreign service and foreign destination untouched; ReleaseAll removes only ours", () =>
        {
            Shell.Clear();
            Shell.Run("ipvsadm -A -t 10.0.0.1:443 -s rr && ipvsadm -a -t 10.0.0.1:443 -r 10.0.0.7:443 -m -w 2");
            var actor = Start();
            Apply(actor, "web", Web);
            Shell.Run("ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.8:80 -m -w 4");
            Thread.Sleep(Reconcile * 3);
            string[] foreign = ["-A -t 10.0.0.1:443 -s rr", "-a -t 10.0.0.1:443 -r 10.0.0.7:443 -m -w 2"];
            Table([.. WebLines, .. foreign, "-a -t 10.0.0.1:80 -r 10.0.0.8:80 -m -w 4"]);
            var ops = Operations(actor);
            That(ops.All(o => o.Contains("10.0.0.1:80 ") || o.EndsWith("10.0.0.1:80", StringComparison.Ordinal)), "touched: " + string.Join(" | ", ops));
            // the owner drops one destination: only that one goes, the foreign one in the same service stays
            Apply(actor, "web", Web with { Destinations = [Web.Destinations[0]] });
            Table([WebLines[0], WebLines[1], .. foreign, "-a -t 10.0.0.1:80 -r 10.0.0.8:80 -m -w 4"]);
            Release(actor);
            Table(foreign);
            system.Stop(actor);
        });

        checks.Run("actor: existing equal entries adopted, stale weight corrected (one SET_DEST)", () =>
        {
            Shell.Clear();
            Shell.Run("ipvsadm -A -t 10.0.0.1:80 -s wrr && ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 9 && ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.3:80 -m -w 1");
            var actor = Start();
            var errors = Apply(actor, "web", Web);
            That(errors.Count == 0, string.Join(" | ", errors));
            Table(WebLines);
            var ops = Operations(actor);
            That(ops.SequenceEqual(["SET_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 3"]), "operations: " + string.Join(" | ", ops));
            Release(actor);
            Table();
            system.Stop(actor);
        });

        checks.Run("actor: unknown scheduler -> error naming the service, not retried until the state changes", () =>
        {
            Shell.Clear();
            var actor = Start();
            var bad = Web with { Service = Web.Service with { Scheduler = "nosuch" } };
            var errors = Apply(actor, "web", bad);
            That(errors.Count == 1 && errors[0].Contains("TCP 10.0.0.1:80") && errors[0].Contains("ENOENT"), "errors: " + string.Join(" | ", errors));
            Thread.Sleep(Reconcile * 3);
            That(Operations(actor).Count == 1, "retried: " + string.Join(" | ", Operations(actor)));
            errors = Apply(actor, "web", Web);
            That(errors.Count == 0, "after the fix: " + string.Join(" | ", errors));
            Table(WebLines);
            Release(actor);
            system.Stop(actor);
        });

        checks.Run("actor: timeouts set, restored at release; sync daemon stopped at release", () =>
        {
            Shell.Clear();
            var original = Shell.Out("ipvsadm -L --timeout").Trim();
            var actor = Start();
            var applied = actor.Ask<IpvsActor.Applied>(new IpvsActor.SetTimeouts(new IpvsTimeouts(1000, 0, 200)), Ask).GetAwaiter().GetResult();
            That(applied.Errors.Count == 0, string.Join(" | ", applied.Errors));
            var shown = Shell.Out("ipvsadm -L --timeout").Trim();
            That(shown == "Timeout (tcp tcpfin udp): 1000 120 200", shown);
            applied = actor.Ask<IpvsActor.Applied>(new IpvsActor.SyncDaemon(new IpvsSyncDaemon(IpvsSyncState.Backup, "lo", 9), true), Ask).GetAwaiter().GetResult();
            That(applied.Errors.Count == 0, string.Join(" | ", applied.Errors));
            That(Shell.Out("ipvsadm -L --daemon").Contains("backup sync daemon (mcast=lo, syncid=9"), "daemon not started");
            Release(actor);
            shown = Shell.Out("ipvsadm -L --timeout").Trim();
            That(shown == original, $"not restored: {shown}, was {original}");
            That(Shell.Out("ipvsadm -L --daemon").Trim().Length == 0, "daemon left running");
            system.Stop(actor);
        });

        checks.Run("actor: ip_vs unloaded and loaded again under it (ipvsadm -C; rmmod) -> its entries come back", () =>
        {
            Shell.Clear();
            // reconciles far apart: nothing of the actor's may reload ip_vs between ipvsadm -C and rmmod
            var actor = Start(reconcile: TimeSpan.FromSeconds(20));
            Apply(actor, "web", Web);
            Shell.Clear();
            var (code, output) = Shell.Run(RmmodIpvs);
            That(code == 0, "rmmod: " + output);
            // the next dump fails (the family is gone), the lookup loads ip_vs again (nlctrl's modprobe), the next reconcile restores
            TableWithin(TimeSpan.FromSeconds(60), WebLines);
            Console.WriteLine("# after rmmod ip_vs: " + string.Join(" | ", Operations(actor).Skip(3)));
            Release(actor);
            system.Stop(actor);
        });

        checks.Run("actor: Forget leaves the table as it is", () =>
        {
            Shell.Clear();
            var actor = Start();
            Apply(actor, "web", Web);
            actor.Ask<IpvsActor.Released>(IpvsActor.Forget.Instance, Ask).GetAwaiter().GetResult();
            Table(WebLines);
            system.Stop(actor);
            Shell.Clear();
        });

        RunDrain(checks);
    }
}
