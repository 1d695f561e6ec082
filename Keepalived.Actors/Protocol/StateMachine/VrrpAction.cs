using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Protocol;

/// <summary>
/// One thing the state machine asks its actor to do. A value type with a kind rather than a
/// class hierarchy, so that the steady-state paths (an advert sent and the advert timer
/// restarted every Master_Adver_Interval, the down timer restarted on every advert received)
/// allocate nothing: the actions go into a caller-owned <see cref="List{T}"/> that is reused.
/// Only the fields of its kind are meaningful; the others are zero.
/// </summary>
public readonly record struct VrrpAction
{
    private VrrpAction(VrrpActionKind kind, int value = 0, VrrpTimer timer = default, TimeSpan delay = default, long tag = 0,
        VrrpState from = default, VrrpState to = default, VrrpTransitionReason reason = default)
    {
        Kind = kind;
        Value = value;
        Timer = timer;
        Delay = delay;
        Tag = tag;
        From = from;
        To = to;
        Reason = reason;
    }

    public VrrpActionKind Kind { get; }
    private int Value { get; }

    /// <summary>SendAdvert, PriorityChanged: the priority.</summary>
    public int Priority => Value;
    /// <summary>SendGratuitousArp: how many rounds.</summary>
    public int Repeat => Value;
    /// <summary>Await: what the takeover waits for.</summary>
    public VrrpTakeoverStep Step => (VrrpTakeoverStep)Value;
    /// <summary>StartTimer, CancelTimer.</summary>
    public VrrpTimer Timer { get; }
    /// <summary>StartTimer: how long from the "now" of the event that produced it.</summary>
    public TimeSpan Delay { get; }
    /// <summary>StartTimer: the tag to hand back in <see cref="VrrpEvent.TimerExpired"/>.</summary>
    public long Tag { get; }
    /// <summary>StateChanged.</summary>
    public VrrpState From { get; }
    /// <summary>StateChanged.</summary>
    public VrrpState To { get; }
    /// <summary>StateChanged, RequestSyncGroupMaster.</summary>
    public VrrpTransitionReason Reason { get; }

    public static VrrpAction SendAdvert(int priority) => new(VrrpActionKind.SendAdvert, priority);
    public static VrrpAction AddVirtualAddresses { get; } = new(VrrpActionKind.AddVirtualAddresses);
    public static VrrpAction RemoveVirtualAddresses { get; } = new(VrrpActionKind.RemoveVirtualAddresses);
    public static VrrpAction SetFirewall { get; } = new(VrrpActionKind.SetFirewall);
    public static VrrpAction Await(VrrpTakeoverStep step) => new(VrrpActionKind.Await, (int)step);
    public static VrrpAction SendGratuitousArp(int repeat) => new(VrrpActionKind.SendGratuitousArp, repeat);
    public static VrrpAction StartTimer(VrrpTimer timer, TimeSpan delay, long tag) => new(VrrpActionKind.StartTimer, timer: timer, delay: delay, tag: tag);
    public static VrrpAction CancelTimer(VrrpTimer timer) => new(VrrpActionKind.CancelTimer, timer: timer);
    public static VrrpAction StateChanged(VrrpState from, VrrpState to, VrrpTransitionReason reason) =>
        new(VrrpActionKind.StateChanged, from: from, to: to, reason: reason);
    public static VrrpAction PriorityChanged(int priority) => new(VrrpActionKind.PriorityChanged, priority);
    public static VrrpAction MasterReceivedLowerPriority { get; } = new(VrrpActionKind.MasterReceivedLowerPriority);
    public static VrrpAction RequestSyncGroupMaster(VrrpTransitionReason reason) => new(VrrpActionKind.RequestSyncGroupMaster, reason: reason);

    public override string ToString() => Kind switch
    {
        VrrpActionKind.SendAdvert => $"SendAdvert({Priority})",
        VrrpActionKind.SendGratuitousArp => $"SendGratuitousArp({Repeat})",
        VrrpActionKind.Await => $"Await({Step})",
        VrrpActionKind.StartTimer => $"StartTimer({Timer}, {Delay.TotalMilliseconds} ms, #{Tag})",
        VrrpActionKind.CancelTimer => $"CancelTimer({Timer})",
        VrrpActionKind.StateChanged => $"StateChanged({From} -> {To}, {Reason})",
        VrrpActionKind.PriorityChanged => $"PriorityChanged({Priority})",
        VrrpActionKind.RequestSyncGroupMaster => $"RequestSyncGroupMaster({Reason})",
        _ => Kind.ToString(),
    };
}
