using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Nftables;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Notify;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Tracking;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// One vrrp_instance: feeds the pure <see cref="VrrpStateMachine"/> with validated adverts,
/// timer expiries and shutdown, and carries out the actions it returns, in their order, by
/// telling the leaf actors (socket, netlink, GARP, notify). It touches no kernel object itself.
/// </summary>
public sealed partial class VrrpInstanceActor : ServiceActor
{
    private readonly VrrpInstanceEnvironment _env;
    private readonly VrrpStateMachine _machine;
    private readonly VrrpReceiveValidator _validator;
    // keepalived's vrrp_stats: the validator counts what it refuses and receives, this actor
    // what it sends and its changes of state
    private readonly VrrpStatistics _statistics = new();
    private readonly AdvertBuilder _adverts;
    private readonly InstanceTracking _tracking;
    // the actions of the current step (reused: a master's every advert is a step)
    private readonly List<VrrpAction> _actions = new(8);
    private readonly TimeProvider _clock;
    private readonly long _epoch;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _name;
    // the configured addresses, those for the VMAC moved onto it
    private readonly IReadOnlyList<VirtualIpAddress> _addresses;

    private long _takeoverStart;
    /// <summary>The last address add's line, until it is logged: time since the master down timer (null: none), netlink's time.</summary>
    private (TimeSpan? AfterTimer, TimeSpan Netlink)? _addedLine;
    // every reason the instance is in FAULT (its link, trackers): FAULT while any remains
    private readonly HashSet<string> _faults = new(StringComparer.Ordinal);
    // RFC 5798 Accept_Mode False: the addresses are blocked in nftables before netlink adds them
    private readonly IReadOnlyList<VirtualIpAddress> _blockedAddresses;
    private bool _firewallSet;
    // Shutdown is answered once every removal asked of netlink has been answered.
    private int _removesInFlight;
    private IActorRef? _shutdownRequester;
    private bool _shutDown;
    private bool _keepAddresses;
    // Start waits for the first result of every unweighted track_script
    private bool _startPending;
    // what the sync group was last told, and the last of its SyncTo handled
    private (VrrpState State, VrrpState WantState, bool Faulted)? _reported;
    private long _groupAcknowledged;
    private bool _acknowledgePending;

    // one tick per timer: a master restarts its advert timer every interval
    private static readonly Tick[] Ticks = [.. Enum.GetValues<VrrpTimer>().Select(t => new Tick(t))];
    private readonly VrrpInstanceTimers _timers;
    // the state machine's tag of each timer's latest start
    private readonly long[] _timerTags = new long[Ticks.Length];

    public static Props Props(VrrpInstanceEnvironment environment) =>
        FactoryProps.Create(() => new VrrpInstanceActor(environment));

    public VrrpInstanceActor(VrrpInstanceEnvironment env)
    {
        _env = env;
        _name = env.Config.Name;
        // keepalived adds, announces and removes its vip and evip lists alike; only the advert
        // leaves virtual_ipaddress_excluded out (vrrp_handle_ipaddress for VRRP_VIP_TYPE and VRRP_EVIP_TYPE)
        _addresses = VmacPlacement.Place([.. env.Config.VirtualAddresses, .. env.Config.ExcludedVirtualAddresses],
            env.Interface, env.Vmac, env.Family);
        _clock = ActorClock.Of(Context.System);
        _timers = new VrrpInstanceTimers(_clock, Self, Ticks);
        _epoch = _clock.GetTimestamp();
        // keepalived blocks the excluded addresses too (its vip and evip lists)
        _blockedAddresses = env.Leaves.Nftables is not null && env.BlocksAddresses
            ? [.. env.Config.VirtualAddresses, .. env.Config.ExcludedVirtualAddresses]
            : [];
        var settings = VrrpStateMachineSettings.FromInstance(env.Config, env.PrimaryAddress) with { BlocksAddresses = _blockedAddresses.Count > 0 };
        if (env.AdvertPlace is { } place)
            settings = settings with { AdvertSlot = LocalSlot(AdvertSlot.For(place, settings.AdvertInterval), settings.AdvertInterval) };
        if (env.SyncGroup is not null) settings = AsSyncGroupMember(settings, env);
        _machine = new VrrpStateMachine(settings);
        _validator = new VrrpReceiveValidator(ReceiveExpectations(env, settings), _statistics);
        _adverts = new AdvertBuilder(env, settings, _validator.Expectations);
        _tracking = env.Vrrp is { } vrrp ? InstanceTracking.For(vrrp, env.Config) : new InstanceTracking(settings.Priority, env.Config.Tracks);

        Receive<VrrpSocketActor.Received>(OnReceived);
        Receive<Tick>(t =>
        {
            if (!_timers.Take(t.Timer)) return;
            // a takeover is timed from here to the first gratuitous ARP (the GARP actor logs it)
            if (t.Timer == VrrpTimer.MasterDown) _takeoverStart = _clock.GetTimestamp();
            Run(VrrpEvent.TimerExpired(t.Timer, _timerTags[(int)t.Timer]));
            if (_machine.State != VrrpState.Master) _takeoverStart = 0;
        });
        Receive<NetlinkActor.AddressesChanged>(OnAddressesChanged);
        Receive<NftablesActor.FirewallChanged>(OnFirewallChanged);
        Receive<LinkWatcherActor.LinkChanged>(OnLinkChanged);
        Receive<TrackerActor.TrackerState>(t => Apply(_tracking.SetState(t.Kind, t.Name, t.Up)));
        Receive<TrackFileActor.TrackerValue>(v => Apply(_tracking.SetFileValue(v.Name, v.Value)));
        Receive<GetStatus>(_ => Sender.Tell(new Status(_name, _machine.State, settings.Priority, _machine.EffectivePriority,
            _machine.MasterAddress, _machine.MasterDownInterval, _statistics.Snapshot())));
        Receive<VrrpSyncGroupActor.SyncTo>(OnSyncTo);
        Receive<Shutdown>(OnShutdown);
        Receive<Rehearsal>(_ => _adverts.Sends(_machine.EffectivePriority));
        Receive<CheckpointPassed>(_ => Run(VrrpEvent.TakeoverStepDone));
        ReceiveAny(Unhandled);
    }

    private TimeSpan Now => _clock.GetElapsedTime(_epoch);

    /// <summary>A place's offset on the machine's clock, moved to this instance's clock (zero at its start).</summary>
    private TimeSpan LocalSlot(TimeSpan slot, TimeSpan interval)
    {
        long epoch = (long)((Int128)_epoch * 1_000_000 / _clock.TimestampFrequency);
        return TimeSpan.FromMicroseconds(AdvertSlot.ToLocal(VrrpIntervals.ToMicroseconds(slot), epoch, VrrpIntervals.ToMicroseconds(interval)));
    }

    protected override void PreStart()
    {
        _env.Leaves.Socket.Tell(new VrrpSocketActor.Register((byte)_env.Config.VirtualRouterId, Self,
            VrrpReceiveBuffer.Share(_env.Config, _env.Global, _adverts.ReceivedLength, _env.Mtu)));
        TakeoverRehearsal.PrepareTimers(_timers, Self, Rehearsal.Instance);
        // Addresses left by a run that died without cleaning up: nobody else may hold them now.
        RemoveAddresses();
        // reported before the start, so the instance goes from INIT straight to FAULT
        if (_env.StartFault is { } fault) SetFault(fault, true);
        // keepalived holds an instance with an unweighted track_script back until that script
        // has a first result (num_script_init): it must not advertise or take over before it
        // (an unweighted track_process likewise waits for the first scan)
        if (_tracking.IsInitialising)
        {
            _startPending = true;
            _log.Info("({Instance}) waiting for the first report of its unweighted track_script / track_process before starting", _name);
        }
        else
            Run(VrrpEvent.Start);
    }

    protected override void PostStop()
    {
        _timers.Dispose();
        // after a Shutdown the whole VRRP subtree, socket included, is stopping: nothing to undo
        if (!_shutDown) _env.Leaves.Socket.Tell(new VrrpSocketActor.Unregister((byte)_env.Config.VirtualRouterId, Self));
    }

    private void OnLinkChanged(LinkWatcherActor.LinkChanged link)
    {
        // keepalived: an instance is in FAULT while its own interface is down (unless dont_track_primary)
        if (link.Interface == _env.Interface && !_env.Config.DontTrackPrimary)
            SetFault($"interface {link.Interface}", !link.Up);
        if (_tracking.IsTracking(TrackKind.Interface, link.Interface))
            Apply(_tracking.SetState(TrackKind.Interface, link.Interface, link.Up));
    }

    /// <summary>A tracker's report: a fault to raise or clear, or a new total priority for the machine.</summary>
    private void Apply(TrackingUpdate update)
    {
        if (update.FaultChanged) SetFault(update.Reason, update.Faulted);
        if (update.TotalChanged) Run(VrrpEvent.PriorityChanged(_tracking.TotalPriority));
        if (_startPending && !_tracking.IsInitialising && !_shutDown && _shutdownRequester is null)
        {
            _startPending = false;
            Run(VrrpEvent.Start);
        }
    }

    private void SetFault(string source, bool faulted)
    {
        var wasFaulted = _faults.Count > 0;
        if (faulted ? !_faults.Add(source) : !_faults.Remove(source)) return;
        _log.Info("({Instance}) {Source} {What}", _name, source, faulted ? "is down: fault" : "is up again");
        if (wasFaulted != _faults.Count > 0)
            Run(VrrpEvent.FaultChanged(_faults.Count > 0));
    }

    private void OnReceived(VrrpSocketActor.Received packet)
    {
        var result = Validate(packet, out var priority, out var interval);
        if (!result.IsAccepted)
        {
            if (result.Outcome != VrrpCheckOutcome.OtherVrid && result.Describe(_name) is { } why)
                _log.Info("{Reason}", why);
            return;
        }
        if (result.Describe(_name) is { } note) _log.Info("{Note}", note);
        // timed from its arrival, as keepalived times it from the wake-up that read it
        var discarded = _machine.Counters.LowerPriorityDiscarded;
        Run(VrrpEvent.AdvertReceived(priority, interval, packet.Source), packet.ReceivedAt);
        // keepalived's vrrp_state_backup says so for each advert a preempting backup discards
        if (_machine.Counters.LowerPriorityDiscarded != discarded)
            _log.Info("({Instance}) received lower priority ({Priority}) advert from {Source} - discarding", _name, priority, packet.Source);
    }

    private VrrpCheckResult Validate(VrrpSocketActor.Received packet, out int priority, out TimeSpan interval)
    {
        priority = 0;
        interval = default;
        ReceivedDatagram datagram;
        if (packet.IncludesIpHeader)
        {
            if (ReceivedDatagram.TryFromIpv4(packet.Data.AsSpan(0, packet.Length), out datagram) != Ipv4ReadStatus.Ok)
                return new VrrpCheckResult(VrrpCheckReason.TooShort, Received: packet.Length);
        }
        else
            datagram = new ReceivedDatagram(packet.Data.AsSpan(0, packet.Length), packet.SourceBytes, packet.DestinationBytes, packet.HopLimit);

        // skip_check_adv_addr spares only a BACKUP the address checks for the master it follows:
        // keepalived's vrrp_state_master_rx always checks them
        Span<byte> master = stackalloc byte[16];
        var masterLength = _machine.State == VrrpState.Backup && _machine.MasterAddress is { } m && m.TryWriteBytes(master, out var n) ? n : 0;
        var result = _validator.Check(datagram, master[..masterLength]);
        if (result.IsAccepted && VrrpAdvert.TryRead(datagram.Payload, _env.Family, out var advert) == VrrpReadStatus.Ok)
        {
            priority = advert.Priority;
            interval = advert.AdvertInterval;
        }
        return result;
    }

    /// <param name="age">How long ago the step's event happened: its timers are shortened by that.</param>
    private void Execute(in VrrpAction a, TimeSpan age)
    {
        switch (a.Kind)
        {
            case VrrpActionKind.SendAdvert:
                if (_keepAddresses) break;
                SendAdvert(a.Priority);
                break;
            case VrrpActionKind.SetFirewall:
                SetFirewall();
                break;
            case VrrpActionKind.AddVirtualAddresses:
                AddAddresses();
                break;
            case VrrpActionKind.RemoveVirtualAddresses:
                if (_keepAddresses) break;
                RemoveAddresses();
                break;
            case VrrpActionKind.SendGratuitousArp:
                SendGarp(a.Repeat);
                break;
            case VrrpActionKind.Await:
                Await(a.Step);
                break;
            case VrrpActionKind.StartTimer:
                _timerTags[(int)a.Timer] = a.Tag;
                _timers.Start(a.Timer, a.Delay > age ? a.Delay - age : TimeSpan.Zero);
                break;
            case VrrpActionKind.CancelTimer:
                _timers.Cancel(a.Timer);
                break;
            case VrrpActionKind.StateChanged:
                OnStateChanged(a.From, a.To, a.Reason);
                break;
            case VrrpActionKind.PriorityChanged:
                OnPriorityChanged(a.Priority);
                break;
            case VrrpActionKind.RequestSyncGroupMaster:
                _env.SyncGroup?.Tell(new VrrpSyncGroupActor.WantMaster(_name, a.Reason));
                break;
            case VrrpActionKind.MasterReceivedLowerPriority:
                _env.Leaves.Notify.Tell(new NotifyActor.EventNotify(_name, "MASTER_RX_LOWER_PRI", _machine.EffectivePriority,
                    _env.Config.Notify["notify_master_rx_lower_pri"]));
                break;
            default:
                _log.Warning("({Instance}) unknown action {Action}", _name, a.ToString());
                break;
        }
    }

    private void SendAdvert(int priority)
    {
        foreach (var send in _adverts.Sends(priority)) _env.Leaves.Socket.Tell(send);
        // keepalived's vrrp_send_adv counts one advert however many unicast peers it went to
        _statistics.AdvertSent++;
        if (priority == 0) _statistics.PriZeroSent++;
    }

    private void SetFirewall()
    {
        // the machine asks only when the addresses are blocked, i.e. with nftables
        if (_env.Leaves.Nftables is not { } nftables) return;
        _firewallSet = true;
        nftables.Tell(new NftablesActor.AddAddresses(_blockedAddresses, _env.Interface, _env.Config.DontTrackPrimary), Self);
    }

    private void AddAddresses() =>
        _env.Leaves.Netlink.Tell(new NetlinkActor.AddAddresses(_addresses, _env.Interface,
            _env.Config.VirtualRoutes, _env.Config.VirtualRules), Self);

    private void RemoveAddresses()
    {
        _removesInFlight++;
        _env.Leaves.Netlink.Tell(new NetlinkActor.RemoveAddresses(_addresses, _env.Interface,
            _env.Config.VirtualRoutes, _env.Config.VirtualRules), Self);
        // the addresses go first, then the drop rules (vrrp_restore_interface's order)
        if (_env.Leaves.Nftables is { } nftables && _firewallSet)
        {
            _firewallSet = false;
            nftables.Tell(new NftablesActor.RemoveAddresses(_blockedAddresses, _env.Interface, _env.Config.DontTrackPrimary), Self);
        }
    }

    private void OnFirewallChanged(NftablesActor.FirewallChanged changed)
    {
        foreach (var failure in changed.Failures)
            _log.Warning("({Instance}) {Failure}", _name, failure);
        if (changed.Added) Run(VrrpEvent.FirewallSet);
    }

    private void OnAddressesChanged(NetlinkActor.AddressesChanged changed)
    {
        foreach (var failure in changed.Failures)
            _log.Warning("({Instance}) {Failure}", _name, failure);
        if (changed.Added)
        {
            // a takeover's line waits until its gratuitous ARPs are out (logged with the state change):
            // formatting a log line for the first time is slow enough to delay them
            _addedLine = (_takeoverStart != 0 ? _clock.GetElapsedTime(_takeoverStart) : null, changed.Elapsed);
            if (_takeoverStart == 0 || _machine.Awaiting == VrrpTakeoverStep.None) LogAddressesAdded();
            Run(VrrpEvent.AddressesAdded);
        }
        else
        {
            if (_removesInFlight > 0) _removesInFlight--;
            if (_shutdownRequester is not null && _removesInFlight == 0) FinishShutdown();
        }
    }

    private void LogAddressesAdded()
    {
        if (_addedLine is not { } line) return;
        _addedLine = null;
        if (line.AfterTimer is { } after)
            _log.Debug("({Instance}) takeover: addresses added {Elapsed:F3} ms after the master down timer (netlink {Netlink:F3} ms)",
                _name, after.TotalMilliseconds, line.Netlink.TotalMilliseconds);
        else
            _log.Debug("({Instance}) addresses added (netlink {Netlink:F3} ms)", _name, line.Netlink.TotalMilliseconds);
    }

    private void SendGarp(int repeat)
    {
        if (repeat <= 0 || _addresses.Count == 0) return;
        // keepalived announces each address on its own interface, from that interface's MAC: a
        // VMAC's addresses from the virtual MAC, with or without vmac_xmit_base
        _env.Leaves.Garp.Tell(new GarpActor.SendGratuitous(_addresses, _env.Interface, repeat,
            _env.Global.VrrpGarpInterval, _env.Global.VrrpGnaInterval, _name, _takeoverStart));
        _takeoverStart = 0;
    }

    private void OnStateChanged(VrrpState from, VrrpState to, VrrpTransitionReason reason)
    {
        if (to == VrrpState.Master) _statistics.BecomeMaster++;
        if (from == VrrpState.Master) _statistics.ReleaseMaster++;
        _log.Info("({Instance}) Entering {State} STATE{Why}", _name, StateName(to),
            reason == VrrpTransitionReason.Startup && to != VrrpState.Master ? " (init)" : "");
        LogAddressesAdded();
        _env.Leaves.Notify.Tell(new NotifyActor.StateNotify(false, _name, StateName(to), _machine.EffectivePriority, _env.Config.Notify));
        Context.System.EventStream.Publish(new StateChanged(_name, from, to, reason, _machine.EffectivePriority));
    }

    private void OnPriorityChanged(int priority)
    {
        _log.Info("({Instance}) Changing effective priority to {Priority}", _name, priority);
        if (_env.Config.NotifyPriorityChanges ?? _env.Global.VrrpNotifyPriorityChanges)
            _env.Leaves.Notify.Tell(new NotifyActor.EventNotify(_name,
                _machine.State == VrrpState.Master ? "MASTER_PRIORITY" : "BACKUP_PRIORITY", priority, null));
    }

    /// <summary>The sync group moves this member (keepalived's vrrp_sync_master / backup / fault); the report acknowledges it.</summary>
    private void OnSyncTo(VrrpSyncGroupActor.SyncTo sync)
    {
        _groupAcknowledged = sync.Sequence;
        _acknowledgePending = true;
        var e = sync.State switch
        {
            VrrpState.Master => VrrpEvent.SyncGroupMaster(sync.Reason),
            VrrpState.Backup => VrrpEvent.SyncGroupBackup,
            VrrpState.Fault => VrrpEvent.SyncGroupFault,
            _ => default,
        };
        Run(e);
    }

    /// <summary>Tells the sync group of a change of state, want-state or own fault, and acknowledges its last SyncTo.</summary>
    private void ReportToGroup()
    {
        if (_env.SyncGroup is not { } group) return;
        var now = (_machine.State, _machine.WantState, _machine.Faulted);
        if (now == _reported && !_acknowledgePending) return;
        _reported = now;
        _acknowledgePending = false;
        group.Tell(new VrrpSyncGroupActor.MemberState(_name, now.State, now.WantState, now.Faulted, _groupAcknowledged));
    }

    /// <summary>
    /// A sync group member asks its group before taking over. keepalived lets members start as
    /// MASTER only when every one is an address owner in state MASTER (vrrp_complete_init);
    /// otherwise all start wanting BACKUP.
    /// </summary>
    private static VrrpStateMachineSettings AsSyncGroupMember(VrrpStateMachineSettings settings, VrrpInstanceEnvironment env)
    {
        IEnumerable<VrrpInstance> members = env.Vrrp is { } vrrp && env.Config.SyncGroup is { } name
            ? vrrp.Instances.Where(v => v.SyncGroup == name)
            : [env.Config];
        return settings with
        {
            InSyncGroup = true,
            InitialState = VrrpSyncGroupActor.StartState(members) == VrrpState.Master ? settings.InitialState : VrrpState.Backup,
        };
    }

    private void OnShutdown(Shutdown shutdown)
    {
        _shutdownRequester = Sender;
        if (!shutdown.Release)
        {
            // keepalived -V skips restore_vrrp_interfaces: no goodbye, the addresses stay
            _keepAddresses = true;
            if (_machine.State == VrrpState.Master)
                _log.Info("({Instance}) stopping as master with its addresses left in place (--dont-release-vrrp)", _name);
        }
        _timers.CancelAll();
        Run(VrrpEvent.Stop);
        // A master's removal was just asked; one from leaving MASTER (or the start's stale-address
        // removal) may still be under way: the addresses are gone only when netlink has answered all.
        if (_removesInFlight == 0) FinishShutdown();
    }

    private void FinishShutdown()
    {
        _shutDown = true;
        _shutdownRequester?.Tell(new ShutdownComplete(_name));
        _shutdownRequester = null;
    }

    internal static string StateName(VrrpState state) => state switch
    {
        VrrpState.Master => "MASTER",
        VrrpState.Backup => "BACKUP",
        VrrpState.Fault => "FAULT",
        VrrpState.Stop => "STOP",
        _ => "INIT",
    };

    private static VrrpReceiveExpectations ReceiveExpectations(VrrpInstanceEnvironment env, VrrpStateMachineSettings settings) => new()
    {
        Version = settings.Version,
        Family = env.Family,
        VirtualRouterId = (byte)settings.VirtualRouterId,
        AdvertInterval = settings.AdvertInterval,
        VirtualAddresses = [.. env.Config.VirtualAddresses.Where(a => a.Address.AddressFamily == env.Family).Select(a => a.Address)],
        AuthType = env.Config.AuthType,
        AuthPass = env.Config.AuthPass,
        Unicast = env.IsUnicast,
        UnicastPeers = env.Config.UnicastPeers,
        CheckUnicastSource = env.Config.CheckUnicastSource || env.Global.VrrpCheckUnicastSrc,
        SkipCheckAdvertAddresses = env.Config.SkipCheckAdvAddr || env.Global.VrrpSkipCheckAdvAddr,
        MulticastGroupIpv4 = env.Global.VrrpMcastGroup4,
    };
}
