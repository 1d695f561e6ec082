namespace Keepalived.Actors.Protocol;

/// <summary>
/// The inputs the state machine refused or set aside. keepalived's own per-instance counters
/// (vrrp_stats: adverts received and sent, became and released master, priority 0) are not
/// here: they live in <see cref="Packet.VrrpStatistics"/>, counted where keepalived counts them
/// (the receive checks, and the instance carrying out the machine's actions).
/// </summary>
public sealed class VrrpStateMachineCounters
{
    /// <summary>A backup discarded a lower-priority advert (it will preempt when its down timer runs out).</summary>
    public long LowerPriorityDiscarded { get; internal set; }
    /// <summary>Adverts refused before the state logic: priority outside 0..255, bad source, v2 interval mismatch, v3 interval outside 1..4095 cs.</summary>
    public long AdvertsDropped { get; internal set; }
    /// <summary>A v2 advert's interval differed from ours (also counted in <see cref="AdvertsDropped"/>).</summary>
    public long AdvertIntervalMismatch { get; internal set; }
    /// <summary>Adverts received in INIT, FAULT or STOP (ignored, as keepalived does).</summary>
    public long AdvertsIgnoredNotRunning { get; internal set; }
    /// <summary>An equal-priority advert carried our own primary address.</summary>
    public long SameAddressAdverts { get; internal set; }
    /// <summary>Another router claims priority 255 too; ours was lowered to 254.</summary>
    public long OwnerConflicts { get; internal set; }
    /// <summary>Timer expiries ignored because their tag was not the live timer's.</summary>
    public long StaleTimers { get; internal set; }
}
