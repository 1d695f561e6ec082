using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Keepalived.Actors.Kernel.Ipvs;
using static IpvsKernelCheck.Checks;
using static IpvsKernelCheck.KernelScenarios;

namespace IpvsKernelCheck;

/// <summary>
/// drain-before-remove on the real kernel, with a real TCP connection through IPVS: the guest's
/// own client to the VIP, masqueraded to a listener on a second address of lo (both added for the
/// scenario), so the kernel counts it in IPVS_DEST_ATTR_ACTIVE_CONNS.
/// </summary>
internal sealed partial class ActorScenarios
{
    private static readonly IPAddress Backend = IPAddress.Parse("10.0.0.2");
    private static readonly IpvsDestination Draining = Dest("10.0.0.2", 8080);
    private static readonly IpvsDestination Staying = Dest("10.0.0.2", 8081);
    private static readonly IpvsActor.DesiredService Front = new(Tcp("10.0.0.1", 80, "rr"), [Draining]);

    private static readonly string[] BothLines =
        ["-A -t 10.0.0.1:80 -s rr", "-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 0", "-a -t 10.0.0.1:80 -r 10.0.0.2:8081 -m -w 1"];

    private static readonly string[] StayingLines = ["-A -t 10.0.0.1:80 -s rr", "-a -t 10.0.0.1:80 -r 10.0.0.2:8081 -m -w 1"];

    private const string QuiesceLine = "SET_DEST TCP 10.0.0.1:80 -> 10.0.0.2:8080 masq weight 0";
    private const string DeleteLine = "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.2:8080";

    /// <summary>The active connections the actor's dump shows for <paramref name="destination"/> of <see cref="Front"/>.</summary>
    private static uint ActiveConnections(IActorRef actor, IpvsDestination destination)
    {
        var table = actor.Ask<IpvsActor.Table>(IpvsActor.GetTable.Instance, Ask).GetAwaiter().GetResult();
        var front = table.Services.SingleOrDefault(s => IpvsServiceKey.Of(s.Service) == IpvsServiceKey.Of(Front.Service))
            ?? throw new CheckFailed("no 10.0.0.1:80 in the dump");
        return front.ActiveConnections.GetValueOrDefault(IpvsDestinationKey.Of(destination));
    }

    private static void ConnectionsWithin(IActorRef actor, IpvsDestination destination, uint expected)
    {
        var until = DateTime.UtcNow + Within;
        uint seen;
        while ((seen = ActiveConnections(actor, destination)) != expected && DateTime.UtcNow < until) Thread.Sleep(200);
        That(seen == expected, $"{IpvsDestinationKey.Of(destination)}: {seen} active connections dumped, expected {expected}");
    }

    /// <summary>A client connection through the VIP and the listener's end of it.</summary>
    private static (TcpClient Client, TcpClient Server) Connect(TcpListener listener)
    {
        var client = new TcpClient(AddressFamily.InterNetwork);
        client.Connect(Vip, 80);
        var accepting = listener.AcceptTcpClientAsync();
        That(accepting.Wait(Within), $"no connection reached {listener.LocalEndpoint}");
        return (client, accepting.Result);
    }

    /// <summary>A byte from the client reaches the server within 2 s.</summary>
    private static bool Echo(TcpClient client, TcpClient server)
    {
        server.ReceiveTimeout = 2000;
        client.GetStream().Write([42]);
        try
        {
            return server.GetStream().Read(new byte[1]) == 1;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The VIP and the backend on lo, a listener for each destination; undone afterwards.</summary>
    private static void WithBackends(Action<TcpListener, TcpListener> scenario)
    {
        Shell.Clear();
        var (code, output) = Shell.Run("ip addr replace 10.0.0.1/32 dev lo && ip addr replace 10.0.0.2/32 dev lo");
        That(code == 0, "ip addr: " + output);
        var draining = new TcpListener(Backend, Draining.Port);
        var staying = new TcpListener(Backend, Staying.Port);
        try
        {
            draining.Start();
            staying.Start();
            scenario(draining, staying);
        }
        finally
        {
            draining.Stop();
            staying.Stop();
            Shell.Run("ip addr del 10.0.0.1/32 dev lo; ip addr del 10.0.0.2/32 dev lo");
            Shell.Clear();
        }
    }

    private void RunDrain(Checks checks)
    {
        checks.Run("actor drain: ActiveConns dumped (1 established, 0 idle); weight 0 while ESTABLISHED, new connections elsewhere; DEL_DEST once closed", () =>
            WithBackends((draining, staying) =>
        {
            var actor = Start(drain: TimeSpan.FromMinutes(5));
            That(Apply(actor, "web", Front).Count == 0, "apply failed");
            var (client, server) = Connect(draining);
            using (client)
            using (server)
            {
                ConnectionsWithin(actor, Draining, 1);
                That(Apply(actor, "web", Front with { Destinations = [Staying] }).Count == 0, "drop failed");
                Table(BothLines);
                ConnectionsWithin(actor, Staying, 0);
                var ops = Operations(actor);
                That(ops.Count == 4 && ops[2] == QuiesceLine, "operations: " + string.Join(" | ", ops));
                // several drain looks: still there, still at weight 0, the connection still carries data
                Thread.Sleep(Reconcile * 4);
                Table(BothLines);
                That(Operations(actor).Count == 4, "operations while draining: " + string.Join(" | ", Operations(actor)));
                That(Echo(client, server), "the draining destination's connection carries no data");
                var (other, otherServer) = Connect(staying);
                using (other)
                using (otherServer)
                    ConnectionsWithin(actor, Staying, 1);
                Console.WriteLine($"# draining: {ActiveConnections(actor, Draining)} active connection(s) after {Reconcile.TotalSeconds * 4} s");
            }
            TableWithin(Within, StayingLines);
            var last = Operations(actor)[^1];
            That(last == DeleteLine, "last operation: " + last);
            Release(actor);
            Table();
            system.Stop(actor);
        }));

        checks.Run("actor drain: a connection still ESTABLISHED at the drain timeout -> DEL_DEST anyway, not before it", () =>
            WithBackends((draining, _) =>
        {
            var timeout = TimeSpan.FromSeconds(4);
            var actor = Start(drain: timeout);
            Apply(actor, "web", Front);
            var (client, server) = Connect(draining);
            using (client)
            using (server)
            {
                ConnectionsWithin(actor, Draining, 1);
                var dropped = DateTime.UtcNow;
                Apply(actor, "web", Front with { Destinations = [Staying] });
                Table(BothLines);
                TableWithin(Within, StayingLines);
                var waited = DateTime.UtcNow - dropped;
                That(waited >= timeout, $"deleted after {waited.TotalSeconds:F1} s, before the {timeout.TotalSeconds} s timeout");
                Console.WriteLine($"# deleted {waited.TotalSeconds:F1} s after the drop (timeout {timeout.TotalSeconds} s)");
                That(Operations(actor)[^1] == DeleteLine, "operations: " + string.Join(" | ", Operations(actor)));
                // what draining spares: the kernel's treatment of a deleted destination's connections
                Console.WriteLine($"# after DEL_DEST its ESTABLISHED connection {(Echo(client, server) ? "still carries data" : "carries no data (dropped)")}");
            }
            Release(actor);
            system.Stop(actor);
        }));
    }
}
