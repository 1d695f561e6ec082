namespace Keepalived.Actors.Protocol;

/// <summary>What a <see cref="VrrpEvent"/> tells the state machine.</summary>
public enum VrrpEventKind : byte
{
    /// <summary>default(VrrpEvent): ignored.</summary>
    None,
    Start,
    AdvertReceived,
    TimerExpired,
    PriorityChanged,
    FaultChanged,
    Stop,
    /// <summary>The sync group takes every member to MASTER (keepalived's vrrp_sync_master).</summary>
    SyncGroupMaster,
    /// <summary>The sync group takes every member to BACKUP (keepalived's vrrp_sync_backup).</summary>
    SyncGroupBackup,
    /// <summary>The sync group takes every member to FAULT (keepalived's vrrp_sync_fault).</summary>
    SyncGroupFault,
    /// <summary>The leaf a takeover's <see cref="VrrpActionKind.Await"/> named has done its part (the advert or the GARP is out).</summary>
    TakeoverStepDone,
    /// <summary>The firewall answered a <see cref="VrrpActionKind.SetFirewall"/>.</summary>
    FirewallSet,
    /// <summary>The kernel answered an <see cref="VrrpActionKind.AddVirtualAddresses"/>.</summary>
    AddressesAdded,
    /// <summary>
    /// Something the machine has no part in reached the instance (a status query, a tracker's
    /// report that changes nothing): only a takeover under way is finished by it.
    /// </summary>
    Other,
}
