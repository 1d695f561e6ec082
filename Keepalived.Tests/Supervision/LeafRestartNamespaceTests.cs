using System.Net;
using Akka.Pattern;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Runtime;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Supervision;

/// <summary>
/// The kernel leaves with something to keep (the VRRP socket's registrations, the link watcher's
/// watchers) fail while traffic flows, in namespaces of the test's own, and are made again by
/// their BackoffSupervisor with nothing lost (each in a <see cref="NamespaceSystem"/>).
/// </summary>
public sealed class LeafRestartNamespaceTests(ITestOutputHelper output) : ActorTest(output)
{
    private static readonly IPAddress Vip = IPAddress.Parse("10.199.0.100");

    private static Props OnTheLoop(Props props) => props.WithDispatcher(ActorSystemConfig.VrrpDispatcher);

    /// <summary>The leaf's current incarnation, as its BackoffSupervisor reports it (null while it is being made again).</summary>
    private IActorRef? CurrentLeaf(IActorRef host)
    {
        // its own probe: the test actor is busy hearing the leaf
        var control = CreateTestProbe();
        host.Tell(BackoffSupervisor.GetCurrentChild.Instance, control.Ref);
        return control.ExpectMsg<BackoffSupervisor.CurrentChild>().Ref;
    }

    private IActorRef AwaitNewLeaf(IActorRef host, IActorRef old)
    {
        IActorRef? now = null;
        AwaitCondition(() => (now = CurrentLeaf(host)) is { } current && !current.Equals(old), TimeSpan.FromSeconds(10));
        return now!;
    }

    [RootFact]
    public void A_vrrp_socket_made_again_still_routes_adverts_to_the_instance_registered_before()
    {
        using var link = VethLink.Create();
        var (system, faults) = NamespaceSystem.In(link.B, "leaf-restart");
        using var _ = system;
        var options = VrrpSocketTests.Options(VethLink.BInterface, false, false, VrrpSocketOptions.Ipv4Group, null);
        var host = system.ActorOf(LeafHost.Props(OnTheLoop(VrrpSocketActor.Props(options)), "socket"), "host");
        host.Tell(new VrrpSocketActor.Register(7, TestActor));
        var first = CurrentLeaf(host)!;

        // adverts from A every 10 ms, while the socket fails and is made again
        using var sender = link.A.Run(() => new VrrpSocket(VrrpSocketTests.Options(VethLink.AInterface, false, false, VethLink.A4, null)));
        using var stop = new CancellationTokenSource();
        var advert = TestAdvert.Build(7, 100, VethLink.A4, VrrpSocketOptions.Ipv4Group, Vip);
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                sender.Send(advert, VethLink.A4, VrrpSocketOptions.Ipv4Group);
                await Task.Delay(10);
            }
        });
        try
        {
            ExpectMsg<VrrpSocketActor.Received>(TimeSpan.FromSeconds(5));
            var fault = faults.On<VrrpSocketActor>().When(m => m is VrrpSocketActor.GetReceiveBuffer).Throw();
            host.Tell(VrrpSocketActor.GetReceiveBuffer.Instance, CreateTestProbe().Ref);
            AwaitNewLeaf(host, first);
            Assert.Equal(1, fault.Count);
            // the failed incarnation closed its socket as it stopped: what comes after the
            // drain was read by the new one, for the instance registered with the old one
            ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m);
            Assert.Equal(VethLink.A4, ExpectMsg<VrrpSocketActor.Received>(TimeSpan.FromSeconds(5)).Source);
        }
        finally
        {
            stop.Cancel();
            load.Wait(TimeSpan.FromSeconds(5));
        }
    }

    [RootFact]
    public void A_link_watcher_made_again_tells_its_watchers_what_changed_and_nothing_else()
    {
        using var link = VethLink.Create();
        var (system, faults) = NamespaceSystem.In(link.A, "leaf-restart");
        using var _ = system;
        var host = system.ActorOf(LeafHost.Props(OnTheLoop(LinkWatcherActor.Props()), "links"), "host");
        host.Tell(new LinkWatcherActor.Watch(VethLink.AInterface, TestActor));
        Assert.Equal(new LinkWatcherActor.LinkChanged(VethLink.AInterface, true), ExpectMsg<LinkWatcherActor.LinkChanged>());
        var first = CurrentLeaf(host)!;

        var fault = faults.On<LinkWatcherActor>().When(m => m is LinkWatcherActor.Watch { Interface: "lo" }).Throw();
        host.Tell(new LinkWatcherActor.Watch("lo", CreateTestProbe().Ref));
        AwaitCondition(() => fault.Count == 1, TimeSpan.FromSeconds(5));
        // the link goes down while the watcher is failing (or just after): heard once either way
        link.A.Ip("link", "set", VethLink.AInterface, "down");
        AwaitNewLeaf(host, first);
        Assert.Equal(new LinkWatcherActor.LinkChanged(VethLink.AInterface, false), ExpectMsg<LinkWatcherActor.LinkChanged>(TimeSpan.FromSeconds(5)));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
