using Keepalived.Actors.Runtime;
using System.Net;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Vrrp;
using Keepalived.Tests.Vrrp.Actors;

namespace Keepalived.Tests.Vrrp.SyncGroup;

/// <summary>
/// A vrrp_sync_group "SG1" whose members are real <see cref="VrrpInstanceActor"/>s with probes
/// as their socket, netlink and GARP leaves, one <see cref="VrrpSyncGroupActor"/>, and one notify
/// probe for all (so the order of instance and group notifies shows), on the test kit's virtual
/// clock. <see cref="Settle"/> is three rounds of status round trips through every member and
/// the group: a report, the group's command and its acknowledgement are then all handled.
/// </summary>
internal sealed class SyncGroupRig
{
    public const string GroupName = "SG1";

    private readonly ActorTest _kit;
    private readonly TestProbe _control;

    /// <param name="priorities">One member per priority: VI_1 (VRID 51, VIP 10.199.0.100), VI_2 (VRID 52, VIP 10.199.0.101), ...</param>
    public SyncGroupRig(ActorTest kit, params int[] priorities)
    {
        _kit = kit;
        _control = kit.Probe("control");
        Notify = kit.Probe("notify");
        Events = kit.Probe("events");
        kit.Sys.EventStream.Subscribe(Events.Ref, typeof(VrrpInstanceActor.StateChanged));
        Group = new VrrpSyncGroup(GroupName, default) { Members = [] };
        Config.SyncGroups.Add(Group);
        for (var i = 0; i < priorities.Length; i++)
        {
            var vrrp = new VrrpInstance($"VI_{i + 1}", default)
            {
                Interface = "veth-ka0",
                VirtualRouterId = InstanceRig.Vrid + i,
                Priority = priorities[i],
                AdvertInterval = TimeSpan.FromSeconds(1),
                AuthType = VrrpAuthType.Pass,
                AuthPass = InstanceRig.Password,
                SyncGroup = GroupName,
            };
            vrrp.VirtualAddresses.Add(new VirtualIpAddress { Address = Vip(i), PrefixLength = 24 });
            Config.Instances.Add(vrrp);
            Group.Members.Add(vrrp.Name);
            Members.Add(new MemberRig(kit, vrrp));
        }
    }

    public VrrpConfig Config { get; } = new();
    public VrrpSyncGroup Group { get; }
    public List<MemberRig> Members { get; } = [];
    public MemberRig this[int index] => Members[index];
    public TestProbe Notify { get; }
    public TestProbe Events { get; }
    public IActorRef GroupActor { get; private set; } = ActorRefs.Nobody;

    public static IPAddress Vip(int index) => IPAddress.Parse($"10.199.0.{100 + index}");

    /// <summary>Starts the group, then its members; takes what each start sends (Register, the stale-address removal, BACKUP).</summary>
    public SyncGroupRig Start()
    {
        var members = Config.Instances.Select(v => v.Name).ToList();
        GroupActor = _kit.Sys.ActorOf(VrrpSyncGroupActor.Props(Group, members, VrrpSyncGroupActor.StartState(Config.Instances), new LeafRef(Notify.Ref)),
            "sync-group-SG1");
        foreach (var m in Members)
        {
            var env = new VrrpInstanceEnvironment(m.Config, new GlobalConfig(), "veth-ka0", InstanceRig.Primary, [InstanceRig.Group],
                new VrrpLeaves(new(m.Socket.Ref), new(m.Netlink.Ref), new(m.Garp.Ref), new(Notify.Ref))) { Vrrp = Config, SyncGroup = GroupActor };
            m.Instance = _kit.Sys.ActorOf(VrrpInstanceActor.Props(env), "instance-" + m.Config.Name);
        }
        foreach (var m in Members)
        {
            m.Socket.ExpectMsg<VrrpSocketActor.Register>();
            m.Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
            m.Netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        }
        Settle();
        return this;
    }

    /// <summary>Starts, takes the start's notifies and events, and checks every member and the group are BACKUP.</summary>
    public SyncGroupRig StartAsBackup()
    {
        Start();
        var lines = NotifyLines(Members.Count + 1);
        Assert.Contains("GROUP SG1 BACKUP", lines);
        foreach (var m in Members) Assert.Contains($"INSTANCE {m.Config.Name} BACKUP", lines);
        for (var i = 0; i < Members.Count; i++) Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.To == VrrpState.Backup);
        Assert.Equal(VrrpState.Backup, Status().State);
        return this;
    }

    /// <summary>
    /// Starts as backup and lets the down timers run out: the highest priority asks first and
    /// waits, the last one to ask takes every member to MASTER. Takes each takeover's messages.
    /// </summary>
    public SyncGroupRig StartAsMaster()
    {
        StartAsBackup();
        Advance(InstanceRig.MasterDown);
        foreach (var m in Members) m.ExpectTakeover();
        NotifyLines(Members.Count + 1);
        for (var i = 0; i < Members.Count; i++) Events.ExpectMsg<VrrpInstanceActor.StateChanged>(s => s.To == VrrpState.Master);
        Assert.Equal(VrrpState.Master, Status().State);
        return this;
    }

    public void Settle()
    {
        for (var round = 0; round < 3; round++)
        {
            foreach (var m in Members)
            {
                m.Instance.Tell(VrrpInstanceActor.GetStatus.Instance, _control.Ref);
                _control.ExpectMsg<VrrpInstanceActor.Status>();
            }
            Status();
        }
    }

    public VrrpSyncGroupActor.Status Status()
    {
        GroupActor.Tell(VrrpSyncGroupActor.GetStatus.Instance, _control.Ref);
        return _control.ExpectMsg<VrrpSyncGroupActor.Status>();
    }

    /// <summary>Moves virtual time on, then settles.</summary>
    public void Advance(TimeSpan duration)
    {
        _kit.Advance(duration);
        Settle();
    }

    /// <summary>Tells a member something, then settles.</summary>
    public void Tell(int member, object message)
    {
        Members[member].Instance.Tell(message, Members[member].Socket.Ref);
        Settle();
    }

    /// <summary>The next notifies as "INSTANCE VI_1 MASTER" / "GROUP SG1 MASTER" (the priority left out).</summary>
    public List<string> NotifyLines(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => Notify.ExpectMsg<NotifyActor.StateNotify>())
            .Select(n => $"{(n.Group ? "GROUP" : "INSTANCE")} {n.Name} {n.State}")];
}

/// <summary>One member of a <see cref="SyncGroupRig"/> and its leaves.</summary>
internal sealed class MemberRig(ActorTest kit, VrrpInstance config)
{
    public VrrpInstance Config { get; } = config;
    public TestProbe Socket { get; } = kit.Probe("socket").PassingCheckpoints();
    public TestProbe Netlink { get; } = kit.Probe("netlink");
    public TestProbe Garp { get; } = kit.Probe("garp").PassingCheckpoints();
    public IActorRef Instance { get; set; } = ActorRefs.Nobody;

    public VrrpSocketActor.Received Advert(int priority, IPAddress? source = null) =>
        PeerAdvert.V2(priority, source: source, addresses: [Config.VirtualAddresses[0].Address], vrid: Config.VirtualRouterId);

    /// <summary>A takeover: the advert, the addresses (answered), the first GARP batch.</summary>
    public void ExpectTakeover()
    {
        Assert.Equal(Config.Priority, SentAdvert.Decode(Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority);
        Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        Garp.ExpectMsg<GarpActor.SendGratuitous>();
    }

    /// <summary>Leaving MASTER: <paramref name="zeroAdverts"/> priority-0 adverts, then the addresses removed (answered).</summary>
    public void ExpectRelease(int zeroAdverts)
    {
        for (var i = 0; i < zeroAdverts; i++)
            Assert.Equal(0, SentAdvert.Decode(Socket.ExpectMsg<VrrpSocketActor.Send>()).Priority);
        Netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
        Netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
    }
}
