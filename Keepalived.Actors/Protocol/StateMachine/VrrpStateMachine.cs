using Keepalived.Actors.Config.Vrrp;
using System.Net;

namespace Keepalived.Actors.Protocol;

/// <summary>
/// The VRRP protocol state machine of one instance (RFC 3768, RFC 5798 / RFC 9568, as
/// keepalived 2.2.7's vrrp.c and vrrp_scheduler.c implement it): events in, actions out. It
/// does no I/O and reads no clock: every call takes <c>now</c> (any monotonic time base), and
/// appends to a caller-owned list the actions the actor must perform, in the order keepalived
/// performs them. Not thread-safe: one actor owns it.
/// <para>
/// Timers are actions too: <see cref="VrrpActionKind.StartTimer"/> carries a tag that the actor
/// hands back in <see cref="VrrpEvent.TimerExpired"/>; an expiry whose tag is no longer the live
/// one is ignored (<see cref="VrrpTimerTags"/>).
/// </para>
/// <para>
/// <see cref="VrrpActionKind.StateChanged"/> comes where keepalived calls send_instance_notifies,
/// i.e. after the addresses were added or removed, so the actor can run notify scripts on it.
/// The <see cref="State"/> property changes at the start of a transition.
/// </para>
/// </summary>
public sealed partial class VrrpStateMachine
{
    private readonly VrrpStateMachineSettings _settings;
    private readonly int _version;
    private readonly long _advertInterval;      // adver_int, µs
    private readonly long _advertSlot;          // a new master's second advert at this time mod the interval, µs; -1: none
    private readonly long _preemptDelay;        // µs
    private readonly long _garpRefresh;         // µs, 0 = off
    private readonly VrrpTimerTags _timers = new();
    private readonly byte[] _primary = new byte[16];
    private int _primaryLength;
    private readonly byte[] _master = new byte[16];
    private int _masterLength;

    private int _basePriority;
    private int _totalPriority;
    private long _masterAdverInterval;          // master_adver_int, µs
    private VrrpState _wantState;
    private bool _faulted;
    private bool _vipSet;
    private long _downTimerDeadline;            // µs, while the MasterDown timer runs
    private long? _preemptTime;                 // µs: lower-priority masters are accepted until then
    private long _garpRefreshDue;               // µs
    private VrrpTransitionReason _nextMasterReason = VrrpTransitionReason.MasterNoResponse;

    public VrrpStateMachine(VrrpStateMachineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _version = settings.Version;
        _advertInterval = VrrpIntervals.ToMicroseconds(settings.AdvertInterval);
        _advertSlot = settings.AdvertSlot is { } slot ? VrrpIntervals.ToMicroseconds(slot) : -1;
        _preemptDelay = VrrpIntervals.ToMicroseconds(settings.PreemptDelay);
        _garpRefresh = VrrpIntervals.ToMicroseconds(settings.GarpMasterRefresh);
        _primaryLength = VrrpAddressOrder.Write(settings.PrimaryAddress, _primary);
        _basePriority = _totalPriority = EffectivePriority = settings.Priority;
        _masterAdverInterval = _advertInterval;
        _wantState = settings.WantState;
    }

    public VrrpStateMachineSettings Settings => _settings;
    public VrrpState State { get; private set; } = VrrpState.Init;
    /// <summary>The priority adverts carry: the base priority adjusted by trackers, 1..254 (255 for an owner).</summary>
    public int EffectivePriority { get; private set; }
    /// <summary>Master_Adver_Interval: ours, or in a v3 backup the one the master advertises.</summary>
    public TimeSpan MasterAdverInterval => VrrpIntervals.FromMicroseconds(_masterAdverInterval);
    /// <summary>Skew_Time for our effective priority and the current Master_Adver_Interval.</summary>
    public TimeSpan SkewTime => VrrpIntervals.FromMicroseconds(Skew());
    /// <summary>Master_Down_Interval = down_timer_adverts × Master_Adver_Interval + Skew_Time.</summary>
    public TimeSpan MasterDownInterval => VrrpIntervals.FromMicroseconds(MasterDown());
    /// <summary>The priority of the last advert a backup accepted (0 before any).</summary>
    public int MasterPriority { get; private set; }
    /// <summary>The source of the last advert received while running, if any.</summary>
    public IPAddress? MasterAddress => _masterLength == 0 ? null : new IPAddress(_master.AsSpan(0, _masterLength));
    public VrrpStateMachineCounters Counters { get; } = new();
    /// <summary>keepalived's wantstate: the state this instance would be in regardless of its sync group.</summary>
    public VrrpState WantState => _wantState;
    /// <summary>The caller's fault flag (<see cref="FaultChanged"/>): the instance's own fault, not its group's.</summary>
    public bool Faulted => _faulted;

    /// <summary>Our primary address changed (the interface's address, when none is configured).</summary>
    public void SetPrimaryAddress(IPAddress address) => _primaryLength = VrrpAddressOrder.Write(address, _primary);

    /// <summary>
    /// Dispatches an event to its method. Never throws for hostile event values. Every event but
    /// a takeover's own answers (<see cref="TakeoverStepDone"/>, <see cref="FirewallSet"/>,
    /// <see cref="AddressesAdded"/>) first finishes a takeover under way.
    /// </summary>
    public void Handle(in VrrpEvent e, TimeSpan now, List<VrrpAction> actions)
    {
        switch (e.Kind)
        {
            case VrrpEventKind.Start: Start(now, actions); break;
            case VrrpEventKind.AdvertReceived: AdvertReceived(e.Priority, e.AdvertInterval, e.Source, now, actions); break;
            case VrrpEventKind.TimerExpired: TimerExpired(e.Timer, e.Tag, now, actions); break;
            case VrrpEventKind.PriorityChanged: PriorityChanged(e.Priority, now, actions); break;
            case VrrpEventKind.FaultChanged: FaultChanged(e.Faulted, now, actions); break;
            case VrrpEventKind.Stop: Stop(now, actions); break;
            case VrrpEventKind.SyncGroupMaster: SyncGroupMaster(e.Reason, now, actions); break;
            case VrrpEventKind.SyncGroupBackup: SyncGroupBackup(now, actions); break;
            case VrrpEventKind.SyncGroupFault: SyncGroupFault(now, actions); break;
            case VrrpEventKind.TakeoverStepDone: TakeoverStepDone(now, actions); break;
            case VrrpEventKind.FirewallSet: FirewallSet(now, actions); break;
            case VrrpEventKind.AddressesAdded: AddressesAdded(now, actions); break;
            case VrrpEventKind.Other: FinishTakeover(now, actions); break;
        }
    }

    /// <summary>
    /// Leaves INIT (keepalived's vrrp_init_state). A fault reported before the start puts the
    /// instance in FAULT. Otherwise an address owner whose state is MASTER takes over at once
    /// (keepalived arms a 1 µs down timer; the result is the same). Everything else, including
    /// <c>state MASTER</c> with a priority below 255, enters BACKUP with the full
    /// Master_Down_Interval: keepalived 2.2.7 honours an initial MASTER only for the owner (or a
    /// reload of a running master); a lower priority MASTER listens like any backup first.
    /// </summary>
    public void Start(TimeSpan now, List<VrrpAction> actions)
    {
        FinishTakeover(now, actions);
        if (State != VrrpState.Init) return;
        long t = VrrpIntervals.ToMicroseconds(now);
        if (_faulted)
        {
            State = VrrpState.Fault;
            actions.Add(VrrpAction.StateChanged(VrrpState.Init, VrrpState.Fault, VrrpTransitionReason.Fault));
        }
        else if (_wantState == VrrpState.Master && _basePriority == VrrpInstance.PriorityOwner)
            GotoMaster(VrrpTransitionReason.Startup, t, actions);
        else
        {
            State = VrrpState.Backup;
            actions.Add(VrrpAction.StateChanged(VrrpState.Init, VrrpState.Backup, VrrpTransitionReason.Startup));
            StartDownTimer(MasterDown(), t, actions);
        }
    }

    /// <summary>An advertisement arrived (already validated as a packet: version, VRID, checksum, addresses).</summary>
    public void AdvertReceived(int priority, TimeSpan advertInterval, IPAddress? source, TimeSpan now, List<VrrpAction> actions)
    {
        Span<byte> bytes = stackalloc byte[16];
        int length = source is null ? 0 : VrrpAddressOrder.Write(source, bytes);
        AdvertReceived(priority, advertInterval, bytes[..length], now, actions);
    }

    /// <summary>
    /// An advertisement arrived from <paramref name="source"/> (4 or 16 address bytes). Values no
    /// advert can carry are counted in <see cref="VrrpStateMachineCounters.AdvertsDropped"/> and
    /// change nothing, as keepalived's vrrp_check_packet drops them before the state logic.
    /// </summary>
    public void AdvertReceived(int priority, TimeSpan advertInterval, ReadOnlySpan<byte> source, TimeSpan now, List<VrrpAction> actions)
    {
        FinishTakeover(now, actions);
        if (State is not (VrrpState.Backup or VrrpState.Master))
        {
            Counters.AdvertsIgnoredNotRunning++;
            return;
        }
        long interval = VrrpIntervals.ToMicroseconds(advertInterval);
        if (!IsValidAdvert(priority, interval, source))
        {
            Counters.AdvertsDropped++;
            return;
        }
        source.CopyTo(_master);
        _masterLength = source.Length;
        // keepalived keeps the v3 interval in whole centiseconds
        interval -= interval % VrrpIntervals.MicrosecondsPerCentisecond;
        long t = VrrpIntervals.ToMicroseconds(now);
        if (State == VrrpState.Backup)
            BackupReceived(priority, interval, t, actions);
        else
            MasterReceived(priority, interval, source, t, actions);
    }

    /// <summary>A timer the machine started expired. Stale or unknown tags are counted and ignored.</summary>
    public void TimerExpired(VrrpTimer timer, long tag, TimeSpan now, List<VrrpAction> actions)
    {
        FinishTakeover(now, actions);
        if (!_timers.TryExpire(timer, tag))
        {
            Counters.StaleTimers++;
            return;
        }
        long t = VrrpIntervals.ToMicroseconds(now);
        switch (timer)
        {
            case VrrpTimer.MasterDown when State == VrrpState.Backup && _settings.InSyncGroup:
                RequestSyncGroupMaster(t, actions);
                break;
            case VrrpTimer.MasterDown when State == VrrpState.Backup:
                GotoMaster(_nextMasterReason, t, actions);
                break;
            case VrrpTimer.Advert when State == VrrpState.Master:
                MasterTransmit(t, actions);
                break;
            // The delayed GARP threads of keepalived send only while the addresses are set.
            case VrrpTimer.GarpMasterDelay when _vipSet:
                AddGratuitousArp(_settings.GarpMasterRepeat, actions);
                break;
            case VrrpTimer.GarpLowerPrioDelay when _vipSet:
                AddGratuitousArp(_settings.GarpLowerPrioRepeat, actions);
                break;
        }
    }

    /// <summary>
    /// The total priority (base + tracker weights) changed (keepalived's
    /// vrrp_set_effective_priority): the effective priority is clamped to 1..254 and an owner's
    /// never changes. A master only advertises the new value on its next advert (a backup with a
    /// higher priority then preempts it); a backup's running down timer moves by the change of
    /// Skew_Time, the only priority-dependent part of Master_Down_Interval.
    /// </summary>
    public void PriorityChanged(int totalPriority, TimeSpan now, List<VrrpAction> actions)
    {
        FinishTakeover(now, actions);
        _totalPriority = totalPriority;
        if (_basePriority == VrrpInstance.PriorityOwner) return;
        int effective = Math.Clamp(totalPriority, 1, VrrpInstance.PriorityOwner - 1);
        if (effective == EffectivePriority) return;
        long oldSkew = Skew();
        EffectivePriority = effective;
        if (State == VrrpState.Backup && _timers.IsArmed(VrrpTimer.MasterDown))
        {
            long t = VrrpIntervals.ToMicroseconds(now);
            StartDownTimerAt(_downTimerDeadline + Skew() - oldSkew, t, actions);
        }
        actions.Add(VrrpAction.PriorityChanged(effective));
    }

    /// <summary>
    /// Whether the instance must be in FAULT (keepalived's down_instance / try_up_instance; the
    /// caller aggregates its links and trackers into one flag). Entering FAULT from MASTER sends
    /// priority 0 and removes the addresses; leaving FAULT enters BACKUP with the full
    /// Master_Down_Interval. Only an owner whose fault was reported before the start goes to
    /// MASTER at once: keepalived's down_instance sets wantstate FAULT, so after a fault at run
    /// time even the owner comes back as BACKUP (and takes over when its down timer runs out).
    /// A sync group member stays in FAULT when its fault clears: its group takes it to BACKUP
    /// once no member is faulted (<see cref="SyncGroupBackup"/>).
    /// </summary>
    public void FaultChanged(bool faulted, TimeSpan now, List<VrrpAction> actions)
    {
        FinishTakeover(now, actions);
        if (faulted == _faulted) return;
        _faulted = faulted;
        long t = VrrpIntervals.ToMicroseconds(now);
        if (faulted)
        {
            if (State == VrrpState.Init || State == VrrpState.Stop) return;
            _wantState = VrrpState.Fault;
            if (State == VrrpState.Master)
                LeaveMaster(VrrpState.Fault, VrrpTransitionReason.Fault, zeroAdverts: 2, t, actions);
            else if (State == VrrpState.Backup)
                EnterFaultFromBackup(VrrpTransitionReason.Fault, actions);
            return;
        }
        if (State != VrrpState.Fault) return;
        bool ownerWantsMaster = _wantState == VrrpState.Master && _basePriority == VrrpInstance.PriorityOwner;
        _wantState = ownerWantsMaster ? VrrpState.Master : VrrpState.Backup;
        if (_settings.InSyncGroup) return;
        if (ownerWantsMaster)
        {
            GotoMaster(VrrpTransitionReason.FaultCleared, t, actions);
            return;
        }
        LeaveFaultToBackup(VrrpTransitionReason.FaultCleared, t, actions);
    }

    private void EnterFaultFromBackup(VrrpTransitionReason reason, List<VrrpAction> actions)
    {
        State = VrrpState.Fault;
        actions.Add(VrrpAction.StateChanged(VrrpState.Backup, VrrpState.Fault, reason));
        CancelTimer(VrrpTimer.MasterDown, actions);
    }

    /// <summary>FAULT → BACKUP with the full Master_Down_Interval (keepalived's vrrp_state_leave_fault).</summary>
    private void LeaveFaultToBackup(VrrpTransitionReason reason, long now, List<VrrpAction> actions)
    {
        State = VrrpState.Backup;
        _preemptTime = null;
        _masterAdverInterval = _advertInterval;
        _nextMasterReason = VrrpTransitionReason.MasterNoResponse;
        actions.Add(VrrpAction.StateChanged(VrrpState.Fault, VrrpState.Backup, reason));
        StartDownTimer(MasterDown(), now, actions);
    }

    /// <summary>
    /// Shutdown (keepalived's restore_vrrp_interfaces): a master sends priority 0 so a backup
    /// takes over after its Skew_Time, and removes its addresses. Then STOP; later events are ignored.
    /// </summary>
    public void Stop(TimeSpan now, List<VrrpAction> actions)
    {
        FinishTakeover(now, actions);
        VrrpState from = State;
        if (from == VrrpState.Stop) return;
        State = VrrpState.Stop;
        if (from == VrrpState.Master)
        {
            SendAdvert(0, actions);
            RemoveVirtualAddresses(actions);
        }
        CancelAllTimers(actions);
        actions.Add(VrrpAction.StateChanged(from, VrrpState.Stop, VrrpTransitionReason.Shutdown));
    }

    private bool IsValidAdvert(int priority, long interval, ReadOnlySpan<byte> source)
    {
        if (priority is < 0 or > 255 || source.Length is not (4 or 16))
            return false;
        if (_version == 2)
        {
            // RFC 3768 §7.1: MUST verify the Adver Interval matches ours (keepalived drops it).
            if (interval == _advertInterval) return true;
            Counters.AdvertIntervalMismatch++;
            return false;
        }
        // A v3 interval of 0 would make a backup's down timer the skew (0 too) alone.
        return interval >= VrrpIntervals.MicrosecondsPerCentisecond
            && interval <= VrrpIntervals.MaxV3AdvertIntervalCentiseconds * VrrpIntervals.MicrosecondsPerCentisecond;
    }

    private long Skew() => VrrpIntervals.SkewMicroseconds(_version, EffectivePriority, _masterAdverInterval);

    private long MasterDown() =>
        VrrpIntervals.MasterDownMicroseconds(_version, EffectivePriority, _masterAdverInterval, _settings.DownTimerAdverts);

    private void StartDownTimer(long duration, long now, List<VrrpAction> actions) => StartDownTimerAt(now + duration, now, actions);

    private void StartDownTimerAt(long deadline, long now, List<VrrpAction> actions)
    {
        _downTimerDeadline = deadline;
        StartTimer(VrrpTimer.MasterDown, Math.Max(0, deadline - now), actions);
    }

    private void StartTimer(VrrpTimer timer, long delay, List<VrrpAction> actions) =>
        actions.Add(VrrpAction.StartTimer(timer, VrrpIntervals.FromMicroseconds(delay), _timers.Start(timer)));

    private void CancelTimer(VrrpTimer timer, List<VrrpAction> actions)
    {
        if (_timers.Cancel(timer))
            actions.Add(VrrpAction.CancelTimer(timer));
    }

    private void CancelAllTimers(List<VrrpAction> actions)
    {
        CancelTimer(VrrpTimer.MasterDown, actions);
        CancelTimer(VrrpTimer.Advert, actions);
        CancelTimer(VrrpTimer.GarpMasterDelay, actions);
        CancelTimer(VrrpTimer.GarpLowerPrioDelay, actions);
    }
}
