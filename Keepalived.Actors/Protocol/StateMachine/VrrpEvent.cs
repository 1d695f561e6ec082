using System.Net;

namespace Keepalived.Actors.Protocol;

/// <summary>
/// One input to the state machine, as a value (see <see cref="VrrpAction"/> for why). The
/// machine also has one method per event, which is what <see cref="VrrpStateMachine.Handle"/>
/// calls; <see cref="VrrpStateMachine.AdvertReceived(int, TimeSpan, ReadOnlySpan{byte}, TimeSpan, List{VrrpAction})"/>
/// takes the source address as bytes so a receive loop need not build an <see cref="IPAddress"/>.
/// </summary>
public readonly record struct VrrpEvent
{
    private VrrpEvent(VrrpEventKind kind, int priority = 0, TimeSpan advertInterval = default, IPAddress? source = null,
        VrrpTimer timer = default, long tag = 0, bool faulted = false, VrrpTransitionReason reason = default)
    {
        Kind = kind;
        Priority = priority;
        AdvertInterval = advertInterval;
        Source = source;
        Timer = timer;
        Tag = tag;
        Faulted = faulted;
        Reason = reason;
    }

    public VrrpEventKind Kind { get; }
    /// <summary>AdvertReceived: the advert's priority. PriorityChanged: the total priority (base + tracker weights, unclamped).</summary>
    public int Priority { get; }
    /// <summary>AdvertReceived: the advert's interval (v2: whole seconds, v3: centiseconds).</summary>
    public TimeSpan AdvertInterval { get; }
    /// <summary>AdvertReceived: the sender's (primary) address, the IP source of the packet.</summary>
    public IPAddress? Source { get; }
    /// <summary>TimerExpired.</summary>
    public VrrpTimer Timer { get; }
    /// <summary>TimerExpired: the tag of the StartTimer action that armed it.</summary>
    public long Tag { get; }
    /// <summary>FaultChanged: true when the instance must be in FAULT (any link or tracker down).</summary>
    public bool Faulted { get; }
    /// <summary>SyncGroupMaster: why the member that asked its group took over (keepalived copies its master_reason).</summary>
    public VrrpTransitionReason Reason { get; }

    public static VrrpEvent Start { get; } = new(VrrpEventKind.Start);
    public static VrrpEvent Stop { get; } = new(VrrpEventKind.Stop);
    public static VrrpEvent AdvertReceived(int priority, TimeSpan advertInterval, IPAddress source) =>
        new(VrrpEventKind.AdvertReceived, priority, advertInterval, source);
    public static VrrpEvent TimerExpired(VrrpTimer timer, long tag) => new(VrrpEventKind.TimerExpired, timer: timer, tag: tag);
    public static VrrpEvent PriorityChanged(int totalPriority) => new(VrrpEventKind.PriorityChanged, totalPriority);
    public static VrrpEvent FaultChanged(bool faulted) => new(VrrpEventKind.FaultChanged, faulted: faulted);
    public static VrrpEvent SyncGroupMaster(VrrpTransitionReason reason) => new(VrrpEventKind.SyncGroupMaster, reason: reason);
    public static VrrpEvent SyncGroupBackup { get; } = new(VrrpEventKind.SyncGroupBackup);
    public static VrrpEvent SyncGroupFault { get; } = new(VrrpEventKind.SyncGroupFault);
    public static VrrpEvent TakeoverStepDone { get; } = new(VrrpEventKind.TakeoverStepDone);
    public static VrrpEvent FirewallSet { get; } = new(VrrpEventKind.FirewallSet);
    public static VrrpEvent AddressesAdded { get; } = new(VrrpEventKind.AddressesAdded);
    public static VrrpEvent Other { get; } = new(VrrpEventKind.Other);
}
