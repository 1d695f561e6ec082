namespace Keepalived.Actors.Protocol;

/// <summary>
/// Why a state change happened. The reasons for becoming master are those of the VRRPv3 MIB
/// (RFC 6527 vrrpv3StatisticsMasterTransitions reason, keepalived's VRRPV3_MASTER_REASON_*).
/// </summary>
public enum VrrpTransitionReason : byte
{
    /// <summary>Start: the address owner takes over at once, others enter BACKUP.</summary>
    Startup,
    /// <summary>BACKUP → MASTER: the master down timer ran out (masterNoResponse).</summary>
    MasterNoResponse,
    /// <summary>BACKUP → MASTER: the master sent priority 0 and the skew time ran out (priority).</summary>
    PriorityZeroReceived,
    /// <summary>BACKUP → MASTER: lower-priority adverts were ignored until the down timer ran out (preempted).</summary>
    Preempted,
    /// <summary>MASTER → BACKUP: an advert with a higher priority, or the same priority from a higher address.</summary>
    HigherPriorityAdvert,
    /// <summary>→ FAULT: a link or tracker reported a fault.</summary>
    Fault,
    /// <summary>FAULT → BACKUP (or MASTER for an owner that never ran): the fault cleared.</summary>
    FaultCleared,
    /// <summary>→ STOP: shutdown.</summary>
    Shutdown,
    /// <summary>The member's vrrp_sync_group moved it along with another member (to BACKUP or FAULT).</summary>
    SyncGroup,
}
