using System.Collections.Concurrent;
using Akka.Actor;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Libc;
using static IpvsKernelCheck.Checks;

namespace IpvsKernelCheck;

/// <summary>
/// The program run again without CAP_NET_ADMIN (setpriv): the family lookup still works, every
/// IPVS command is EPERM, and the actor publishes Unavailable naming the capability.
/// </summary>
internal static class WithoutCapability
{
    public const string Flag = "--without-cap-net-admin";

    public static void Check(Checks checks)
    {
        checks.Run("without CAP_NET_ADMIN: lookup works, dump and changes are EPERM, the actor is Unavailable", () =>
        {
            var self = Environment.ProcessPath ?? throw new CheckFailed("no process path");
            var (code, output) = Shell.Run($"setpriv --inh-caps=-net_admin --bounding-set=-net_admin {self} {Flag}");
            foreach (var line in output.Split('\n').Where(l => l.StartsWith('#'))) Console.WriteLine(line);
            That(code == 0, "child: " + output.Replace('\n', ' '));
        });
    }

    /// <summary>The child's side: exit 0 when everything was refused as it should be.</summary>
    public static int Run()
    {
        using (var kernel = new IpvsNetlink())
        {
            kernel.Open();
            try
            {
                kernel.Dump();
                Console.WriteLine("dump worked without CAP_NET_ADMIN");
                return 1;
            }
            catch (ErrnoException e)
            {
                Console.WriteLine($"# GET_SERVICE dump without CAP_NET_ADMIN: {e.Errno}");
                if (e.Errno != Errno.EPERM) return 1;
            }
            var errno = kernel.Apply(IpvsOperation.ForService(IpvsCommand.NewService, KernelScenarios.Tcp("10.0.0.1", 80)));
            Console.WriteLine($"# NEW_SERVICE without CAP_NET_ADMIN: {errno}");
            if (errno != Errno.EPERM) return 1;
        }
        var system = ActorSystem.Create("ipvs-eperm", "akka.loglevel = WARNING");
        try
        {
            var inbox = new BlockingCollection<object>();
            var actor = system.ActorOf(IpvsActor.Props(new IpvsActor.State(), IpvsActor.Settings.Default));
            actor.Tell(new IpvsActor.Subscribe(system.ActorOf(Collector.Props(inbox))));
            if (!inbox.TryTake(out var first, TimeSpan.FromSeconds(60)))
            {
                Console.WriteLine("nothing published");
                return 1;
            }
            Console.WriteLine($"# actor without CAP_NET_ADMIN: {first}");
            return first is IpvsActor.Unavailable u && u.Reason.Contains("CAP_NET_ADMIN") ? 0 : 1;
        }
        finally
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
        }
    }
}
