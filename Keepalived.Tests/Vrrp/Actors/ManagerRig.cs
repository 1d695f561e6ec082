using System.Collections.Concurrent;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Vrrp;
using Keepalived.Tests.Config;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// A VrrpManagerActor whose leaves (netlink, GARP, notify, sockets, links, nftables) forward to probes,
/// on the test kit's virtual clock; <see cref="SocketsMade"/> holds the options of every socket
/// actor it asked for.
/// </summary>
internal sealed class ManagerRig
{
    private readonly ActorTest _kit;

    public ManagerRig(ActorTest kit)
    {
        _kit = kit;
        Netlink = kit.Probe("netlink");
        Garp = kit.Probe("garp").PassingCheckpoints();
        Notify = kit.Probe("notify");
        Socket = kit.Probe("socket").PassingCheckpoints();
        Links = kit.Probe("links");
        Nftables = kit.Probe("nftables");
    }

    public TestProbe Netlink { get; }
    public TestProbe Garp { get; }
    public TestProbe Notify { get; }
    public TestProbe Socket { get; }
    public TestProbe Links { get; }
    public TestProbe Nftables { get; }

    /// <summary>How many nftables leaves the manager made (only instances in no-accept mode need one).</summary>
    public int NftablesMade => Volatile.Read(ref _nftablesMade);

    private int _nftablesMade;
    public ConcurrentQueue<VrrpSocketOptions> SocketsMade { get; } = new();

    public IActorRef Start(string conf, bool spreadAdverts = true)
    {
        var loaded = ConfigText.Load(conf);
        Assert.Equal(0, loaded.ExitCode);
        var leaves = new VrrpLeafProps(_ => ForwardTo.For(Notify), () => ForwardTo.For(Netlink), () => ForwardTo.For(Garp),
            options =>
            {
                SocketsMade.Enqueue(options);
                return ForwardTo.For(Socket);
            },
            () => ForwardTo.For(Links),
            _ =>
            {
                Interlocked.Increment(ref _nftablesMade);
                return ForwardTo.For(Nftables);
            });
        return _kit.Sys.ActorOf(VrrpManagerActor.Props(loaded.Config, leaves, spreadAdverts: spreadAdverts), "vrrp");
    }

    /// <summary>A round trip through every instance (GetStatus): each has run its PreStart.</summary>
    public List<VrrpInstanceActor.Status> Instances(IActorRef manager)
    {
        manager.Tell(VrrpManagerActor.GetInstances.Instance, _kit.TestActor);
        return _kit.ExpectMsg<List<VrrpInstanceActor.Status>>();
    }
}
