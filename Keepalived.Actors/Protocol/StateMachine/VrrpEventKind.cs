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
}
