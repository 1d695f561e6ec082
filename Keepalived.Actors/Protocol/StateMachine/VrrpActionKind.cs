namespace Keepalived.Actors.Protocol;

/// <summary>What a <see cref="VrrpAction"/> asks the instance's actor to do.</summary>
public enum VrrpActionKind : byte
{
    /// <summary>Send one advertisement with <see cref="VrrpAction.Priority"/> (0 = "I am leaving").</summary>
    SendAdvert,
    /// <summary>Add the virtual addresses, routes and rules (keepalived's vrrp_state_become_master); answered by <see cref="VrrpEventKind.AddressesAdded"/>.</summary>
    AddVirtualAddresses,
    /// <summary>Remove the virtual rules, routes and addresses, then any drop rules (keepalived's vrrp_restore_interface).</summary>
    RemoveVirtualAddresses,
    /// <summary>Send <see cref="VrrpAction.Repeat"/> rounds of gratuitous ARP / unsolicited NA for every virtual address.</summary>
    SendGratuitousArp,
    /// <summary>(Re)start <see cref="VrrpAction.Timer"/>: it replaces any running timer of that kind.</summary>
    StartTimer,
    /// <summary>Cancel <see cref="VrrpAction.Timer"/> (an expiry that still arrives is ignored by its tag anyway).</summary>
    CancelTimer,
    /// <summary>The state changed: run notify scripts, SNMP traps, the FIFO (keepalived's send_instance_notifies).</summary>
    StateChanged,
    /// <summary>The effective priority changed (keepalived's notify_priority_changes).</summary>
    PriorityChanged,
    /// <summary>A master received a lower-priority advert (keepalived's notify_master_rx_lower_pri).</summary>
    MasterReceivedLowerPriority,
    /// <summary>
    /// A sync group member's down timer ran out: it wants MASTER but may only go there with its
    /// whole group (keepalived's vrrp_sync_can_goto_master). Ask the group, which answers with
    /// <see cref="VrrpEventKind.SyncGroupMaster"/> once every member wants MASTER.
    /// <see cref="VrrpAction.Reason"/> is why this member wants to take over.
    /// </summary>
    RequestSyncGroupMaster,
    /// <summary>
    /// Block the virtual addresses in the firewall before they are added (Accept_Mode False,
    /// <see cref="VrrpStateMachineSettings.BlocksAddresses"/>); answered by <see cref="VrrpEventKind.FirewallSet"/>.
    /// </summary>
    SetFirewall,
    /// <summary>
    /// The takeover goes on only once <see cref="VrrpAction.Step"/> is done: the actor makes sure
    /// the leaf concerned has done its part and hands back the answer as an event
    /// (<see cref="VrrpTakeoverStep"/> says which).
    /// </summary>
    Await,
}
