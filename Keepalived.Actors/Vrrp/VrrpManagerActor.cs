using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vmac;
using Keepalived.Actors.Kernel.Vrrp;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Tracking;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// keepalived's VRRP process as a subtree (<c>/user/watchdog/vrrp</c>): the leaf actors for
/// netlink, GARP and notifies, one socket actor per interface and address family, and one
/// <see cref="VrrpInstanceActor"/> per vrrp_instance once its interface has been looked up.
/// On <see cref="Shutdown"/> every instance says goodbye (priority 0, addresses removed) and the
/// leaves are flushed before <see cref="Stopped"/> is answered.
/// </summary>
/// <remarks>
/// Its phases are behaviours: looking up the interfaces, setting up the VMACs, running, then the
/// steps of the shutdown (<c>VrrpManagerActor.Shutdown.cs</c>). Each accepts only what belongs to
/// it; a late answer to a start-up request is dealt with by the stopping steps, anything else is
/// unhandled.
/// </remarks>
public sealed partial class VrrpManagerActor : ServiceActor
{
    private readonly KeepalivedConfig _config;
    private readonly VrrpLeafProps _leaves;
    private readonly bool _spreadAdverts;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<VrrpSocketOptions, LeafRef> _sockets = [];
    private readonly Dictionary<string, NetlinkActor.InterfaceInfo?> _interfaces = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _instances = [];
    private readonly List<IActorRef> _syncGroups = [];
    private readonly Dictionary<(TrackKind Kind, string Name), LeafRef> _trackers = [];
    private static readonly LeafRef Nobody = new(ActorRefs.Nobody);
    private LeafRef _netlink = Nobody;
    private LeafRef _garp = Nobody;
    private LeafRef _links = Nobody;
    private LeafRef _notify = Nobody;
    private LeafRef? _nftables;
    // VRRP keeps time on a thread of its own, as keepalived's VRRP process does: the instances,
    // their sockets, netlink and GARP never wait behind thread-pool work
    private readonly string _dispatcher;
    private int _lookupsPending;
    // use_vmac instances: their VMAC's name once netlink has set it up, null when that failed
    private readonly Dictionary<string, string?> _vmacs = new(StringComparer.Ordinal);
    // use_vmac instances whose VMAC could not be set up, and why: they run in FAULT
    private readonly Dictionary<string, string> _vmacFailures = new(StringComparer.Ordinal);
    private int _vmacsPending;
    private bool _release = true;
    private IActorRef? _stopRequester;
    // the answers the current shutdown step still waits for
    private int _awaiting;

    /// <param name="Release">
    /// false for keepalived's <c>--dont-release-vrrp</c> (-V): no priority-0 advert, and the
    /// addresses and VMACs stay where they are for the next run to take over.
    /// </param>
    public sealed record Shutdown(bool Release = true)
    {
        public static readonly Shutdown Instance = new();
        public static readonly Shutdown KeepAddresses = new(false);
    }

    public sealed record Stopped
    {
        public static readonly Stopped Instance = new();
    }

    /// <summary>Answered with the instances' <see cref="VrrpInstanceActor.Status"/> list.</summary>
    public sealed record GetInstances
    {
        public static readonly GetInstances Instance = new();
    }

    /// <param name="leaves">How the leaf actors are made; <see cref="VrrpLeafProps.Kernel"/> when null.</param>
    /// <param name="dispatcher">The id of the dispatcher the instances and their leaves run on (the service's VRRP event loop).</param>
    /// <param name="spreadAdverts">Each instance gets its <see cref="AdvertSlot"/> by its place in the configuration; false: the RFC's timing for all.</param>
    public static Props Props(KeepalivedConfig config, VrrpLeafProps? leaves = null, string dispatcher = ActorSystemConfig.VrrpDispatcher, bool spreadAdverts = true) =>
        FactoryProps.Create(() => new VrrpManagerActor(config, leaves ?? VrrpLeafProps.Kernel, dispatcher, spreadAdverts));

    public VrrpManagerActor(KeepalivedConfig config, VrrpLeafProps leaves, string dispatcher, bool spreadAdverts)
    {
        _config = config;
        _spreadAdverts = spreadAdverts;
        _leaves = leaves;
        _dispatcher = dispatcher;
        LookingUpInterfaces();
    }

    /// <summary>The first phase: netlink looks the instances' interfaces up.</summary>
    private void LookingUpInterfaces()
    {
        Receive<NetlinkActor.InterfaceInfo>(OnInterface);
        Receive<NetlinkActor.InterfaceNotFound>(n =>
        {
            LogMissingInterface(n.Name);
            LookedUp();
        });
        BeforeStopping();
    }

    /// <summary>use_vmac: netlink sets each VMAC up before the instances start (keepalived does it in vrrp_complete_init).</summary>
    private void SettingUpVmacs()
    {
        Receive<NetlinkActor.VmacReady>(v => OnVmac(v.Instance, v.Name));
        Receive<NetlinkActor.VmacFailed>(f =>
        {
            LogVmacFailure(f);
            // keepalived's instance stays in FAULT while its VMAC interface does not exist
            _vmacFailures[f.Instance] = f.Reason;
            OnVmac(f.Instance, null);
        });
        BeforeStopping();
    }

    /// <summary>The instances run; only a shutdown ends this phase.</summary>
    private void Running() => BeforeStopping();

    /// <summary>What every phase before the shutdown accepts.</summary>
    private void BeforeStopping()
    {
        Receive<Shutdown>(OnShutdown);
        Receive<GetInstances>(_ => AskInstances());
        ReceiveAny(Unhandled);
    }

    private GlobalConfig Global => _config.Global;

    protected override void PreStart()
    {
        _notify = ActorOfLeaf(_leaves.Notify(Global), "notify");
        _netlink = ActorOfLeaf(_leaves.Netlink().WithDispatcher(_dispatcher), "netlink");
        _garp = ActorOfLeaf(_leaves.Garp().WithDispatcher(_dispatcher), "garp");
        _links = ActorOfLeaf(_leaves.Links(), "links");
        // keepalived opens its nftables socket only for instances that block their addresses;
        // the actor deletes keepalived's tables when it stops with this one
        if (_leaves.Nftables is { } nftables && _config.Vrrp.Instances.Any(VrrpInstanceEnvironment.NeedsFirewall))
            _nftables = ActorOfLeaf(nftables(Global).WithDispatcher(_dispatcher), "nftables");
        var names = _config.Vrrp.Instances.Select(InterfaceOf).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names) _interfaces[name] = null;
        _lookupsPending = names.Count;
        if (names.Count > 0) _netlink.Tell(new NetlinkActor.GetInterfaces(names));
        else Become(Running);
    }

    private string InterfaceOf(VrrpInstance vrrp) => vrrp.Interface ?? Global.DefaultInterface ?? "eth0";

    private void OnInterface(NetlinkActor.InterfaceInfo info)
    {
        _interfaces[info.Name] = info;
        LookedUp();
    }

    private void LogMissingInterface(string name) =>
        _log.Error("Interface {Interface} not found: its VRRP instances do not run", name);

    private void LogVmacFailure(NetlinkActor.VmacFailed failed) =>
        _log.Error("({Instance}) VMAC could not be set up ({Reason}): the instance stays in FAULT", failed.Instance, failed.Reason);

    /// <summary>Once every interface is known, the VMACs are asked for, or the instances start.</summary>
    private void LookedUp()
    {
        if (--_lookupsPending > 0) return;
        foreach (var vrrp in _config.Vrrp.Instances.Where(v => v.UseVmac))
        {
            if (_interfaces.GetValueOrDefault(InterfaceOf(vrrp)) is not { } info) continue;
            _vmacsPending++;
            _vmacs[vrrp.Name] = null;
            _netlink.Tell(new NetlinkActor.AddVmac(VmacRequestFor(vrrp, info)));
        }
        if (_vmacsPending > 0) Become(SettingUpVmacs);
        else StartInstances();
    }

    private VmacRequest VmacRequestFor(VrrpInstance vrrp, NetlinkActor.InterfaceInfo info)
    {
        var family = FamilyOf(vrrp);
        System.Net.IPAddress? linkLocal = null;
        // keepalived's set_link_local_address: the configured source, else the base's link-local
        // address, else one made from the base's MAC; not with vmac_xmit_base (adverts leave from the base)
        if (family == AddressFamily.InterNetworkV6 && !vrrp.VmacXmitBase)
            linkLocal = vrrp.SourceAddress is { AddressFamily: AddressFamily.InterNetworkV6 } source ? source
                : info.Addresses.FirstOrDefault(a => a.IsIPv6LinkLocal) ?? VirtualMac.LinkLocalFrom(info.Mac);
        return new VmacRequest
        {
            Instance = vrrp.Name,
            VirtualRouterId = vrrp.VirtualRouterId,
            Family = family,
            BaseInterface = info.Name,
            Name = vrrp.VmacInterfaceName,
            Mac = vrrp.VmacMacAddress is { } mac ? System.Net.NetworkInformation.PhysicalAddress.Parse(mac).GetAddressBytes() : null,
            Prefix = Global.VmacPrefix,
            LinkLocal = linkLocal,
            OtherFamilyAddresses = VmacPlacement.HasOtherFamily(vrrp.VirtualAddresses.Concat(vrrp.ExcludedVirtualAddresses), family),
        };
    }

    private void OnVmac(string instance, string? name)
    {
        _vmacs[instance] = name;
        if (--_vmacsPending == 0) StartInstances();
    }

    private static AddressFamily FamilyOf(VrrpInstance vrrp) =>
        vrrp.Family == AddressFamily.Unspecified ? AddressFamily.InterNetwork : vrrp.Family;

    private void StartInstances()
    {
        var runnable = new List<(VrrpInstance Vrrp, NetlinkActor.InterfaceInfo Info, VrrpInstanceEnvironment Env)>();
        for (var ordinal = 0; ordinal < _config.Vrrp.Instances.Count; ordinal++)
        {
            var vrrp = _config.Vrrp.Instances[ordinal];
            if (_interfaces.GetValueOrDefault(InterfaceOf(vrrp)) is not { } info) continue;
            if (Environment(vrrp, ordinal, info) is { } env) runnable.Add((vrrp, info, env));
        }
        var groups = StartSyncGroups(runnable.Select(r => r.Vrrp).ToList());
        foreach (var (vrrp, info, groupless) in runnable)
        {
            var env = vrrp.SyncGroup is { } name && groups.TryGetValue(name, out var group) ? groupless with { SyncGroup = group } : groupless;
            var instance = Context.ActorOf(VrrpInstanceActor.Props(env).WithDispatcher(_dispatcher), ActorName("instance-", vrrp.Name));
            _instances.Add(instance);
            // keepalived puts an instance in FAULT while its interface is down (unless dont_track_primary)
            if (!vrrp.DontTrackPrimary) _links.Tell(new LinkWatcherActor.Watch(info.Name, instance));
            Subscribe(vrrp, instance);
            var placed = VmacPlacement.Place(vrrp.VirtualAddresses, info.Name, env.Vmac, env.Family);
            foreach (var device in placed.Select(a => a.Device ?? info.Name).Distinct(StringComparer.Ordinal))
                _garp.Tell(new GarpActor.Prepare(device));
        }
        _log.Info("{Count} VRRP instance(s) started", _instances.Count);
        Become(Running);
    }

    /// <summary>
    /// One <see cref="VrrpSyncGroupActor"/> per vrrp_sync_group with a member that runs, created
    /// before its members so that each is told its group. An instance that does not run (its
    /// interface is missing) is left out of its group.
    /// </summary>
    private Dictionary<string, IActorRef> StartSyncGroups(IReadOnlyList<VrrpInstance> running)
    {
        var groups = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        foreach (var group in _config.Vrrp.SyncGroups)
        {
            var members = running.Where(v => v.SyncGroup == group.Name).ToList();
            if (members.Count == 0) continue;
            var props = VrrpSyncGroupActor.Props(group, [.. members.Select(v => v.Name)],
                VrrpSyncGroupActor.StartState(_config.Vrrp.Instances.Where(v => v.SyncGroup == group.Name)), _notify);
            var actor = Context.ActorOf(props.WithDispatcher(_dispatcher), ActorName("sync-group-", group.Name));
            groups[group.Name] = actor;
            _syncGroups.Add(actor);
        }
        return groups;
    }

    /// <summary>Subscribes the instance to everything it (or its sync group) tracks, starting the trackers on first use.</summary>
    private void Subscribe(VrrpInstance vrrp, IActorRef instance)
    {
        foreach (var track in InstanceTracking.For(_config.Vrrp, vrrp).Tracks)
        {
            if (track.Kind == TrackKind.Interface)
                _links.Tell(new LinkWatcherActor.Watch(track.Name, instance));
            else if (Tracker(track.Kind, track.Name) is { } tracker)
                tracker.Tell(new TrackerActor.Subscribe(instance));
        }
    }

    private LeafRef? Tracker(TrackKind kind, string name)
    {
        if (_trackers.TryGetValue((kind, name), out var known)) return known;
        (Props? props, string prefix) = kind switch
        {
            TrackKind.Script => (_config.Vrrp.FindScript(name) is { Disabled: false, Script: not null } s ? VrrpScriptActor.Props(s) : null, "script-"),
            TrackKind.File => (_config.Vrrp.FindFile(name) is { } f ? TrackFileActor.Props(f) : null, "track-file-"),
            TrackKind.Process => (_config.Vrrp.FindProcess(name) is { } p ? TrackProcessActor.Props(p) : null, "track-process-"),
            _ => (null, ""),
        };
        if (props is null) return null;
        var tracker = ActorOfLeaf(props, ActorName(prefix, name));
        _trackers[(kind, name)] = tracker;
        return tracker;
    }

    /// <param name="ordinal">The instance's position in keepalived.conf (its <see cref="AdvertSlot"/> place).</param>
    private VrrpInstanceEnvironment? Environment(VrrpInstance vrrp, int ordinal, NetlinkActor.InterfaceInfo info)
    {
        var family = FamilyOf(vrrp);
        var vmac = vrrp.UseVmac ? _vmacs.GetValueOrDefault(vrrp.Name) : null;
        var primary = vrrp.SourceAddress ?? info.Addresses.FirstOrDefault(a => a.AddressFamily == family &&
            (family == AddressFamily.InterNetwork || a.IsIPv6LinkLocal));
        if (primary is null)
        {
            _log.Error("({Instance}) interface {Interface} has no {Family} address to send adverts from: instance not started",
                vrrp.Name, info.Name, family == AddressFamily.InterNetwork ? "IPv4" : "IPv6 link-local");
            return null;
        }
        IReadOnlyList<IPAddress> destinations = vrrp.IsUnicast
            ? [.. vrrp.UnicastPeers.Select(p => p.Address)]
            : [vrrp.MulticastDestination ?? (family == AddressFamily.InterNetwork ? Global.VrrpMcastGroup4 : Global.VrrpMcastGroup6)];
        var socket = SocketFor(new VrrpSocketOptions
        {
            // keepalived reads and sends on the VMAC (unless vmac_xmit_base): a multicast frame whose
            // source MAC is a local private macvlan's (a peer's adverts from the same virtual MAC)
            // is handed to that macvlan only, never to the base interface
            Interface = vrrp.VmacXmitBase || vmac is null ? info.Name : vmac,
            Family = family,
            Unicast = vrrp.IsUnicast,
            MulticastGroup = vrrp.IsUnicast ? null : destinations[0],
            UnicastSource = vrrp.IsUnicast ? vrrp.SourceAddress : null,
            UnicastTtl = vrrp.IsUnicast && vrrp.UnicastTtl >= 0 ? (byte)vrrp.UnicastTtl : null,
        });
        return new VrrpInstanceEnvironment(vrrp, Global, info.Name, primary, destinations,
            new VrrpLeaves(socket, _netlink, _garp, _notify, _nftables))
        {
            Vrrp = _config.Vrrp,
            Vmac = vmac,
            StartFault = _vmacFailures.TryGetValue(vrrp.Name, out var why) ? $"VMAC ({why})" : null,
            // a VMAC (a macvlan) has its base interface's MTU
            Mtu = info.Mtu,
            AdvertPlace = _spreadAdverts ? AdvertSlot.PlaceOf(ordinal, _config.Vrrp.Instances.Count) : null,
        };
    }

    private LeafRef SocketFor(VrrpSocketOptions options)
    {
        if (!_sockets.TryGetValue(options, out var socket))
        {
            var name = $"{options.Interface}-{(options.Family == AddressFamily.InterNetwork ? "inet" : "inet6")}{(options.Unicast ? "-unicast" : "")}";
            socket = ActorOfLeaf(_leaves.Socket(options).WithDispatcher(_dispatcher),
                ActorName("socket-", name + (_sockets.Count == 0 ? "" : $"-{_sockets.Count}")));
            _sockets[options] = socket;
        }
        return socket;
    }

    private void AskInstances()
    {
        var tasks = _instances.Select(i => i.Ask<VrrpInstanceActor.Status>(VrrpInstanceActor.GetStatus.Instance, TimeSpan.FromSeconds(2)));
        Task.WhenAll(tasks).PipeTo(Sender, success: s => (object)s.ToList());
    }

    /// <summary>An actor name from a keepalived name (which may hold any printable character).</summary>
    internal static string ActorName(string prefix, string name) =>
        prefix + string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c.ToString() : $"%{(int)c:X2}"));
}
