using Keepalived.Actors.Config.Vrrp;
using System.Net;

namespace Keepalived.Actors.Protocol;

/// <summary>
/// What the state machine needs of a vrrp_instance, with keepalived's defaults. Build it from a
/// completed configuration with <see cref="FromInstance"/>; the checks keepalived's
/// vrrp_complete_instance makes (nopreempt or preempt_delay with state MASTER, preempt_delay with
/// nopreempt, ...) are the configuration's business and are not repeated here.
/// </summary>
public sealed record VrrpStateMachineSettings
{
    /// <summary>2 (RFC 3768) or 3 (RFC 5798 / RFC 9568).</summary>
    public int Version { get; init; } = 2;
    public int VirtualRouterId { get; init; } = 1;
    /// <summary>The configured (base) priority, 1..255; 255 is the address owner.</summary>
    public int Priority { get; init; } = VrrpInstance.PriorityDefault;
    /// <summary>advert_int: v2 whole seconds, v3 centiseconds (up to 40.95 s).</summary>
    public TimeSpan AdvertInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// The instance's place in the interval on the machine's clock (<see cref="Vrrp.AdvertSlot"/>): a new
    /// master's second advert goes at its next time. Null: one interval after the first, the RFC's timing.
    /// </summary>
    public TimeSpan? AdvertSlot { get; init; }
    public bool NoPreempt { get; init; }
    public TimeSpan PreemptDelay { get; init; }
    /// <summary>Our primary address: the source of our adverts, compared on equal priorities.</summary>
    public required IPAddress PrimaryAddress { get; init; }
    /// <summary>state MASTER/BACKUP; Init derives it from the priority as keepalived does (owner → Master).</summary>
    public VrrpState InitialState { get; init; } = VrrpState.Init;
    /// <summary>down_timer_adverts: the "3" of Master_Down_Interval.</summary>
    public int DownTimerAdverts { get; init; } = 3;
    public TimeSpan GarpMasterDelay { get; init; } = TimeSpan.FromSeconds(5);
    public int GarpMasterRepeat { get; init; } = 5;
    /// <summary>Zero: no periodic refresh.</summary>
    public TimeSpan GarpMasterRefresh { get; init; }
    public int GarpMasterRefreshRepeat { get; init; } = 1;
    /// <summary>keepalived's default is garp_master_delay.</summary>
    public TimeSpan GarpLowerPrioDelay { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>keepalived's default is garp_master_repeat; 0 sends no GARP on a lower-priority advert.</summary>
    public int GarpLowerPrioRepeat { get; init; } = 5;
    /// <summary>lower_prio_no_advert: a master does not answer a lower-priority advert.</summary>
    public bool LowerPrioNoAdvert { get; init; }
    /// <summary>higher_prio_send_advert: a master sends one advert before yielding to a higher priority.</summary>
    public bool HigherPrioSendAdvert { get; init; }
    /// <summary>
    /// RFC 5798 Accept_Mode False enforced by a firewall: a new master blocks its addresses
    /// (<see cref="VrrpActionKind.SetFirewall"/>) before it adds them, as keepalived's
    /// vrrp_state_become_master sets its drop rules first.
    /// </summary>
    public bool BlocksAddresses { get; init; }

    /// <summary>
    /// A member of a vrrp_sync_group: its down timer asks the group instead of taking over
    /// (<see cref="VrrpActionKind.RequestSyncGroupMaster"/>), and once its own fault clears it
    /// stays in FAULT until the group takes it to BACKUP (keepalived's try_up_instance waits for
    /// every member). Set <see cref="InitialState"/> to the group's start state as well: keepalived
    /// lets members start as MASTER only when every one is an address owner in state MASTER.
    /// </summary>
    public bool InSyncGroup { get; init; }

    /// <summary>The state keepalived wants at start (its wantstate after vrrp_complete_instance).</summary>
    public VrrpState WantState => InitialState == VrrpState.Init
        ? (Priority == VrrpInstance.PriorityOwner ? VrrpState.Master : VrrpState.Backup)
        : InitialState;

    /// <summary>Throws <see cref="ArgumentException"/> for values keepalived's parser would never let through.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Check(Version is 2 or 3, $"VRRP version {Version} is not 2 or 3");
        Check(VirtualRouterId is >= 1 and <= 255, $"virtual_router_id {VirtualRouterId} is not 1..255");
        Check(Priority is >= 1 and <= 255, $"priority {Priority} is not 1..255");
        long micro = VrrpIntervals.ToMicroseconds(AdvertInterval);
        Check(Version == 2
                ? micro >= VrrpIntervals.MicrosecondsPerSecond && micro % VrrpIntervals.MicrosecondsPerSecond == 0 && micro <= 255 * VrrpIntervals.MicrosecondsPerSecond
                : micro >= VrrpIntervals.MicrosecondsPerCentisecond && micro % VrrpIntervals.MicrosecondsPerCentisecond == 0
                  && micro <= VrrpIntervals.MaxV3AdvertIntervalCentiseconds * VrrpIntervals.MicrosecondsPerCentisecond,
            $"advert_int {AdvertInterval} does not fit a VRRPv{Version} advert");
        Check(AdvertSlot is null || (AdvertSlot >= TimeSpan.Zero && AdvertSlot < AdvertInterval), $"advert slot {AdvertSlot} is not within the advert interval");
        Check(PreemptDelay >= TimeSpan.Zero, "preempt_delay is negative");
        Check(InitialState is VrrpState.Init or VrrpState.Backup or VrrpState.Master, $"initial state {InitialState}");
        Check(DownTimerAdverts is >= 1 and <= 100, $"down_timer_adverts {DownTimerAdverts} is not 1..100");
        Check(GarpMasterDelay >= TimeSpan.Zero && GarpMasterRefresh >= TimeSpan.Zero && GarpLowerPrioDelay >= TimeSpan.Zero,
            "a garp delay or refresh is negative");
        Check(GarpMasterRepeat >= 0 && GarpMasterRefreshRepeat >= 0 && GarpLowerPrioRepeat >= 0, "a garp repeat is negative");
        Check(VrrpAddressOrder.Write(PrimaryAddress, stackalloc byte[16]) != 0, $"primary address {PrimaryAddress} is not IPv4 or IPv6");
    }

    /// <summary>
    /// The settings of a vrrp_instance whose configuration has been completed (every
    /// "from global_defs" value filled in), with the primary address the instance sends from.
    /// </summary>
    public static VrrpStateMachineSettings FromInstance(VrrpInstance vrrp, IPAddress primaryAddress)
    {
        var defaults = new VrrpStateMachineSettings { PrimaryAddress = primaryAddress };
        return new VrrpStateMachineSettings
        {
            Version = vrrp.Version == 0 ? 2 : vrrp.Version,
            VirtualRouterId = vrrp.VirtualRouterId,
            Priority = vrrp.Priority == 0 ? VrrpInstance.PriorityDefault : vrrp.Priority,
            AdvertInterval = vrrp.AdvertInterval == TimeSpan.Zero ? defaults.AdvertInterval : vrrp.AdvertInterval,
            NoPreempt = vrrp.NoPreempt,
            PreemptDelay = vrrp.PreemptDelay,
            PrimaryAddress = primaryAddress,
            InitialState = vrrp.State,
            DownTimerAdverts = (int)(vrrp.DownTimerAdverts ?? 3),
            GarpMasterDelay = vrrp.GarpMasterDelay ?? defaults.GarpMasterDelay,
            GarpMasterRepeat = (int)(vrrp.GarpMasterRepeat ?? 5),
            GarpMasterRefresh = vrrp.GarpMasterRefresh ?? TimeSpan.Zero,
            GarpMasterRefreshRepeat = (int)(vrrp.GarpMasterRefreshRepeat ?? 1),
            GarpLowerPrioDelay = vrrp.GarpLowerPrioDelay ?? vrrp.GarpMasterDelay ?? defaults.GarpLowerPrioDelay,
            GarpLowerPrioRepeat = (int)(vrrp.GarpLowerPrioRepeat ?? vrrp.GarpMasterRepeat ?? 5),
            LowerPrioNoAdvert = vrrp.LowerPrioNoAdvert ?? false,
            HigherPrioSendAdvert = vrrp.HigherPrioSendAdvert ?? false,
        };
    }
}
