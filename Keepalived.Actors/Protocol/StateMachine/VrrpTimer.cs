namespace Keepalived.Actors.Protocol;

/// <summary>
/// The timers a VRRP instance runs. keepalived keeps the first two in one "sands" per instance
/// (the advert timer in MASTER, the master down timer in BACKUP); the GARP ones are its
/// one-shot threads (vrrp_gratuitous_arp_thread, vrrp_lower_prio_gratuitous_arp_thread).
/// </summary>
public enum VrrpTimer : byte
{
    /// <summary>BACKUP: Master_Down_Timer (RFC 5798 §6.4.2); on expiry the backup takes over.</summary>
    MasterDown,
    /// <summary>MASTER: Adver_Timer (RFC 5798 §6.4.3); on expiry an advertisement is sent.</summary>
    Advert,
    /// <summary>MASTER: garp_master_delay after taking over; on expiry a second GARP batch.</summary>
    GarpMasterDelay,
    /// <summary>MASTER: garp_lower_prio_delay after a lower-priority advert; on expiry another GARP batch.</summary>
    GarpLowerPrioDelay,
}
