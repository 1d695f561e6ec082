using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Notify;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// One vrrp_sync_group (keepalived's vrrp_sync.c): its members change state together. A member
/// in FAULT takes the group to FAULT; the group goes MASTER only when every member wants MASTER,
/// and then all together; a member leaving MASTER for BACKUP takes all to BACKUP. The group's
/// notifies (notify_master/backup/fault/stop of the group, the generic notify with
/// <c>GROUP NAME STATE 0</c>, the FIFO line <c>GROUP "SG1" MASTER 0</c>) go out once every member
/// it moved has got there, as keepalived sends them after moving its members.
/// <para>
/// The members report every change of state, want-state (keepalived's wantstate) or own fault
/// (<see cref="MemberState"/>), ask before taking over (<see cref="WantMaster"/>) and are moved
/// with <see cref="SyncTo"/>, which they acknowledge in their next report. The group learns a
/// member's reference from its first report; until then the member counts as wanting BACKUP.
/// </para>
/// </summary>
public sealed class VrrpSyncGroupActor : ServiceActor
{
    private readonly VrrpSyncGroup _group;
    private readonly LeafRef _notify;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private VrrpState _state;
    private long _sequence;
    // the group's notify waits until every member it moved has acknowledged
    private bool _notifyPending;

    private sealed class Member(string name)
    {
        public string Name { get; } = name;
        public IActorRef Ref { get; set; } = ActorRefs.Nobody;
        public bool Reported { get; set; }
        public VrrpState State { get; set; } = VrrpState.Init;
        public VrrpState WantState { get; set; } = VrrpState.Backup;
        public bool Faulted { get; set; }
        /// <summary>The sequence number of the last <see cref="SyncTo"/> not yet acknowledged; 0: none.</summary>
        public long Awaiting { get; set; }
    }

    /// <summary>A member's state, want-state and own fault, after every change and after every <see cref="SyncTo"/>.</summary>
    /// <param name="Acknowledged">The sequence number of the last <see cref="SyncTo"/> the member handled (0: none).</param>
    public sealed record MemberState(string Name, VrrpState State, VrrpState WantState, bool Faulted, long Acknowledged);

    /// <summary>A member's down timer ran out: may it take over (keepalived's vrrp_sync_can_goto_master)?</summary>
    public sealed record WantMaster(string Name, VrrpTransitionReason Reason);

    /// <summary>To a member: go to <paramref name="State"/> with your group; acknowledge <paramref name="Sequence"/>.</summary>
    public sealed record SyncTo(VrrpState State, VrrpTransitionReason Reason, long Sequence);

    /// <summary>Every member has stopped: send the group's STOP notifies, then answer <see cref="Stopped"/>.</summary>
    public sealed record Shutdown
    {
        public static readonly Shutdown Instance = new();
    }

    public sealed record Stopped(string Name);

    /// <summary>Answered with <see cref="Status"/>.</summary>
    public sealed record GetStatus
    {
        public static readonly GetStatus Instance = new();
    }

    public sealed record Status(string Name, VrrpState State, IReadOnlyDictionary<string, VrrpState> Members);

    /// <param name="members">The names of the member instances that run.</param>
    /// <param name="notify">The <see cref="NotifyActor"/>.</param>
    public static Props Props(VrrpSyncGroup group, IReadOnlyList<string> members, VrrpState startState, LeafRef notify) =>
        FactoryProps.Create(() => new VrrpSyncGroupActor(group, members, startState, notify));

    public VrrpSyncGroupActor(VrrpSyncGroup group, IReadOnlyList<string> members, VrrpState startState, LeafRef notify)
    {
        _group = group;
        _notify = notify;
        _state = startState;
        foreach (var name in members) _members[name] = new Member(name);
        Receive<MemberState>(OnMemberState);
        Receive<WantMaster>(OnWantMaster);
        Receive<GetStatus>(_ => Sender.Tell(new Status(_group.Name, _state, _members.Values.ToDictionary(m => m.Name, m => m.State))));
        Receive<Shutdown>(_ => OnShutdown());
        ReceiveAny(Unhandled);
    }

    /// <summary>
    /// The group's state at start (keepalived's vrrp_sync_set_group and vrrp_complete_init):
    /// MASTER only when every member is an address owner in state MASTER, otherwise BACKUP, and
    /// then no member may start as MASTER.
    /// </summary>
    public static VrrpState StartState(IEnumerable<VrrpInstance> members) =>
        members.All(v => v.State == VrrpState.Master && v.Priority == VrrpInstance.PriorityOwner) ? VrrpState.Master : VrrpState.Backup;

    protected override void PreStart()
    {
        // keepalived's vrrp_init_state announces a group that starts in BACKUP (or FAULT), not
        // one that starts as MASTER: its members' takeover finds the group MASTER already
        if (_state != VrrpState.Master) SendNotifies();
    }

    private void OnMemberState(MemberState report)
    {
        if (!_members.TryGetValue(report.Name, out var m)) return;
        var (wasState, wasFaulted) = (m.State, m.Faulted);
        m.Ref = Sender;
        m.Reported = true;
        (m.State, m.WantState, m.Faulted) = (report.State, report.WantState, report.Faulted);
        if (m.Awaiting != 0 && report.Acknowledged >= m.Awaiting) m.Awaiting = 0;
        if (_state == VrrpState.Stop || report.State == VrrpState.Stop) return;

        if (report.Faulted && !wasFaulted)
        {
            // keepalived's down_instance: the first faulted member takes the group to FAULT
            if (_members.Values.Count(x => x.Faulted) == 1) Sync(m, VrrpState.Fault, VrrpTransitionReason.SyncGroup);
        }
        else if (!report.Faulted && wasFaulted)
        {
            // try_up_instance: the last member to recover leaves FAULT and brings the others with it
            if (!_members.Values.Any(x => x.Faulted)) Sync(null, VrrpState.Backup, VrrpTransitionReason.SyncGroup);
        }
        // keepalived's VRRP_TSM: MASTER → BACKUP syncs to BACKUP, any → MASTER syncs to MASTER
        else if (wasState == VrrpState.Master && report.State == VrrpState.Backup)
            Sync(m, VrrpState.Backup, VrrpTransitionReason.SyncGroup);
        else if (wasState != VrrpState.Master && report.State == VrrpState.Master)
            Sync(m, VrrpState.Master, VrrpTransitionReason.MasterNoResponse);
        else if (_state == VrrpState.Fault && report.State != VrrpState.Fault && m.Awaiting == 0)
            // a member that started (or moved) after the group went FAULT joins it there, as
            // keepalived's vrrp_complete_init puts every member of a FAULT group in FAULT
            Command(m, VrrpState.Fault, VrrpTransitionReason.SyncGroup);
        NotifyWhenSettled();
    }

    /// <summary>
    /// keepalived's vrrp_sync_can_goto_master: yes when the group is MASTER already or every other
    /// member wants MASTER too ("prefer backup state to avoid thrashing"); then vrrp_sync_master.
    /// No answer otherwise: the member keeps waiting on its down timer.
    /// </summary>
    private void OnWantMaster(WantMaster want)
    {
        if (!_members.TryGetValue(want.Name, out var m) || _state is VrrpState.Stop or VrrpState.Fault) return;
        m.Ref = Sender;
        m.WantState = VrrpState.Master;
        if (_state == VrrpState.Master)
            Command(m, VrrpState.Master, want.Reason);
        else if (_members.Values.All(x => x.WantState == VrrpState.Master && !x.Faulted))
        {
            // the member that asked goes first, as in keepalived
            Command(m, VrrpState.Master, want.Reason);
            Sync(m, VrrpState.Master, want.Reason);
        }
        NotifyWhenSettled();
    }

    /// <summary>
    /// keepalived's vrrp_sync_master, vrrp_sync_backup and vrrp_sync_fault: unless the group is
    /// there already, every other member not yet in <paramref name="to"/> is moved there (MASTER
    /// with the reason of the member that took over), then the group's notifies follow.
    /// </summary>
    private void Sync(Member? from, VrrpState to, VrrpTransitionReason reason)
    {
        if (_state == to) return;
        _log.Info("VRRP_Group({Group}) Syncing instances to {State} state", _group.Name, VrrpInstanceActor.StateName(to));
        foreach (var m in _members.Values)
            if (m != from && m.State != to) Command(m, to, reason);
        SetState(to);
    }

    private void Command(Member m, VrrpState state, VrrpTransitionReason reason)
    {
        if (!m.Reported) return;
        m.Awaiting = ++_sequence;
        m.Ref.Tell(new SyncTo(state, reason, m.Awaiting), Self);
    }

    private void SetState(VrrpState state)
    {
        // a notify still waiting for members is sent before the next one, as keepalived sent it
        if (_notifyPending) SendNotifies();
        _state = state;
        _notifyPending = true;
    }

    private void NotifyWhenSettled()
    {
        if (_notifyPending && _members.Values.All(m => m.Awaiting == 0)) SendNotifies();
    }

    /// <summary>keepalived's send_group_notifies: the state's script, the generic notify with priority 0, the FIFO line.</summary>
    private void SendNotifies()
    {
        _notifyPending = false;
        _notify.Tell(new NotifyActor.StateNotify(true, _group.Name, VrrpInstanceActor.StateName(_state), 0, _group.Notify));
    }

    private void OnShutdown()
    {
        if (_notifyPending) SendNotifies();
        if (_state != VrrpState.Stop)
        {
            _state = VrrpState.Stop;
            SendNotifies();
        }
        Sender.Tell(new Stopped(_group.Name));
    }
}
