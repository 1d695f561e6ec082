using Keepalived.Actors.Runtime;
using System.Net;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// One <see cref="VrrpInstanceActor"/> whose leaves (socket, netlink, GARP, notify, nftables) are
/// TestProbes, on the test kit's virtual clock. <see cref="Sync"/> is a GetStatus round trip:
/// once it returns, everything told to the instance before it has been handled, so timers it
/// started are armed and time may move on.
/// </summary>
internal sealed class InstanceRig
{
    public static readonly IPAddress Primary = IPAddress.Parse("10.199.0.1");
    public static readonly IPAddress Peer = IPAddress.Parse("10.199.0.2");
    public static readonly IPAddress Vip = IPAddress.Parse("10.199.0.100");
    public static readonly IPAddress Group = IPAddress.Parse("224.0.0.18");
    public const string Password = "secret";
    public const int Vrid = 51;

    /// <summary>v2, priority 100, 1 s: Master_Down_Interval = 3 × 1 s + (256 − 100) / 256 s.</summary>
    public static readonly TimeSpan MasterDown = TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(609_375);
    public static readonly TimeSpan Skew = TimeSpan.FromMicroseconds(609_375);
    public static readonly TimeSpan OneMicrosecond = TimeSpan.FromMicroseconds(1);

    private readonly ActorTest _kit;
    private readonly TestProbe _control;
    private readonly string? _dispatcher;

    /// <param name="dispatcher">Where the instance (and the socket stand-in) run; the thread pool if null.</param>
    /// <param name="socketStandIn">An actor in place of the socket probe, given the probe (e.g. to forward to it).</param>
    /// <param name="garpStandIn">Likewise for the GARP probe.</param>
    public InstanceRig(ActorTest kit, VrrpInstance? config = null, GlobalConfig? global = null, string? vmac = null,
        string? dispatcher = null, Func<TestProbe, Props>? socketStandIn = null, Func<TestProbe, Props>? garpStandIn = null,
        int mtu = 0)
    {
        _kit = kit;
        _dispatcher = dispatcher;
        Config = config ?? NewConfig();
        Socket = kit.Probe("socket").PassingCheckpoints();
        Netlink = kit.Probe("netlink");
        Garp = kit.Probe("garp").PassingCheckpoints();
        Notify = kit.Probe("notify");
        Nftables = kit.Probe("nftables");
        Events = kit.Probe("events");
        _control = kit.Probe("control");
        kit.Sys.EventStream.Subscribe(Events.Ref, typeof(VrrpInstanceActor.StateChanged));
        Environment = new VrrpInstanceEnvironment(Config, global ?? new GlobalConfig(), "veth-ka0", Primary, [Group],
            new VrrpLeaves(Leaf(kit, Socket, socketStandIn), new(Netlink.Ref), Leaf(kit, Garp, garpStandIn), new(Notify.Ref), new(Nftables.Ref))) { Vmac = vmac, Mtu = mtu };
    }

    public VrrpInstance Config { get; }
    public VrrpInstanceEnvironment Environment { get; }

    /// <summary>The probe, or the stand-in made for it: behind a BackoffSupervisor as the service makes its leaves (on the rig's dispatcher).</summary>
    private LeafRef Leaf(ActorTest kit, TestProbe probe, Func<TestProbe, Props>? standIn)
    {
        if (standIn is null) return new LeafRef(probe.Ref);
        var props = _dispatcher is null ? standIn(probe) : standIn(probe).WithDispatcher(_dispatcher);
        var name = $"{probe.Ref.Path.Name}-stand-in";
        return new LeafRef(kit.Sys.ActorOf(LeafSupervision.Supervised(props, name), name));
    }
    public TestProbe Socket { get; }
    public TestProbe Netlink { get; }
    public TestProbe Garp { get; }
    public TestProbe Notify { get; }
    /// <summary>Told only by an instance that blocks its addresses (no_accept, not the owner).</summary>
    public TestProbe Nftables { get; }
    /// <summary>Subscribed to <see cref="VrrpInstanceActor.StateChanged"/> on the event stream.</summary>
    public TestProbe Events { get; }
    public IActorRef Instance { get; private set; } = ActorRefs.Nobody;

    /// <summary>VI_1: VRID 51, priority 100 (or <paramref name="priority"/>), advert_int 1, PASS "secret", VIP 10.199.0.100/24.</summary>
    public static VrrpInstance NewConfig(int priority = 100, Action<VrrpInstance>? configure = null)
    {
        var vrrp = new VrrpInstance("VI_1", default)
        {
            Interface = "veth-ka0",
            VirtualRouterId = Vrid,
            Priority = priority,
            AdvertInterval = TimeSpan.FromSeconds(1),
            AuthType = VrrpAuthType.Pass,
            AuthPass = Password,
        };
        vrrp.VirtualAddresses.Add(new VirtualIpAddress { Address = Vip, PrefixLength = 24 });
        configure?.Invoke(vrrp);
        return vrrp;
    }

    /// <summary>Starts the instance and takes what its start sends: Register, the stale-address removal, BACKUP.</summary>
    public InstanceRig StartAsBackup()
    {
        Start();
        Socket.ExpectMsg<VrrpSocketActor.Register>();
        Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        Netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.To == VrrpState.Backup);
        Notify.ExpectMsg<Keepalived.Actors.Notify.NotifyActor.StateNotify>(n => n.State == "BACKUP");
        Sync();
        return this;
    }

    public void Start()
    {
        var props = VrrpInstanceActor.Props(Environment);
        Instance = _kit.Sys.ActorOf(_dispatcher is null ? props : props.WithDispatcher(_dispatcher), "instance-VI_1");
        Sync();
    }

    /// <summary>Starts as backup and lets the down timer run out: the takeover, addresses added and answered, the first GARP batch.</summary>
    public InstanceRig StartAsMaster()
    {
        StartAsBackup();
        Advance(MasterDown);
        Socket.ExpectMsg<VrrpSocketActor.Send>();
        Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.To == VrrpState.Master);
        Notify.ExpectMsg<Keepalived.Actors.Notify.NotifyActor.StateNotify>(n => n.State == "MASTER");
        Garp.ExpectMsg<Keepalived.Actors.Kernel.Arp.GarpActor.SendGratuitous>();
        Sync();
        return this;
    }

    public VrrpInstanceActor.Status Sync()
    {
        Instance.Tell(VrrpInstanceActor.GetStatus.Instance, _control.Ref);
        return _control.ExpectMsg<VrrpInstanceActor.Status>();
    }

    /// <summary>Moves virtual time on, then waits until the instance has handled what fell due.</summary>
    public VrrpInstanceActor.Status Advance(TimeSpan duration)
    {
        _kit.Advance(duration);
        return Sync();
    }

    /// <summary>Delivers an advert as the socket actor would, then waits until it has been handled.</summary>
    public VrrpInstanceActor.Status Receive(VrrpSocketActor.Received advert)
    {
        Instance.Tell(advert, Socket.Ref);
        return Sync();
    }

    /// <summary>Asserts that none of the leaves got anything (a short real-time window: the actor runs on another thread).</summary>
    public void ExpectNothingSent()
    {
        Socket.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Netlink.ExpectNoMsg(TimeSpan.Zero);
        Garp.ExpectNoMsg(TimeSpan.Zero);
        Notify.ExpectNoMsg(TimeSpan.Zero);
        Nftables.ExpectNoMsg(TimeSpan.Zero);
        Events.ExpectNoMsg(TimeSpan.Zero);
    }
}
