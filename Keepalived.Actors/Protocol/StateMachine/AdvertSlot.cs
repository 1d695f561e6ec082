namespace Keepalived.Actors.Protocol;

/// <summary>
/// Where in the advert interval a master's adverts fall when a node runs many instances. A new
/// master sends its first advert at once (RFC 5798 §6.4.1) and the next ones every
/// Advertisement_Interval after it, so instances that take over together (a node's start, a
/// peer's death) advertise together for as long as they stay masters: a thousand adverts within
/// a few milliseconds, every interval. One stall of the sender (on a VM, a few milliseconds every
/// few tens of seconds, keepalived's too) then delays hundreds of them at once, and receivers
/// get each round as one burst.
/// <para>
/// With more than <see cref="RfcTimingUpTo"/> instances, instance k takes place k mod
/// <see cref="Places"/>, and a place is a fixed point of the interval on the machine's monotonic
/// clock, spread by the golden ratio (0, 0.618, 0.236, 0.854, 0.472 … of the interval for the
/// places 0, 1, 2, 3, 4 …). A new master sends its second advert at its place's next point, at
/// most one interval after its first: only that interval is shorter, and an advert that comes
/// early never lets a backup's down timer run out. The masters of one place advertise in one
/// wake-up of the event loop, and a wake-up, not an advert, is most of what a master costs the
/// loop: each one finds the caches cold for the actor runtime's code and data (tens of
/// microseconds on a VM), against a few microseconds for each advert sent in it. So the places
/// are few: enough that a stall of the sender delays a few dozen adverts, not hundreds.
/// </para>
/// </summary>
public static class AdvertSlot
{
    /// <summary>How many places in the interval the instances share.</summary>
    public const int Places = 64;

    /// <summary>A configuration with this many instances or fewer keeps the RFC's timing exactly.</summary>
    public const int RfcTimingUpTo = 128;

    private const double GoldenRatioConjugate = 0.6180339887498949;

    /// <summary>
    /// The place of instance <paramref name="ordinal"/> (its position in keepalived.conf); null when
    /// the configuration's <paramref name="instances"/> are few enough to keep the RFC's timing.
    /// </summary>
    public static int? PlaceOf(int ordinal, int instances)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        return instances <= RfcTimingUpTo ? null : ordinal % Places;
    }

    /// <summary>
    /// The offset of <paramref name="place"/> within the interval on the monotonic clock (times
    /// whose remainder by the interval is this).
    /// </summary>
    public static TimeSpan For(int place, TimeSpan advertInterval)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(place);
        double fraction = place % Places * GoldenRatioConjugate % 1.0;
        // whole microseconds, the state machine's unit
        return TimeSpan.FromMicroseconds(Math.Floor(advertInterval.TotalMicroseconds * fraction));
    }

    /// <summary>
    /// <paramref name="slot"/> moved to a clock whose zero is <paramref name="epoch"/> on the
    /// monotonic clock (an instance's own time), all in µs.
    /// </summary>
    public static long ToLocal(long slot, long epoch, long interval) => Mod(slot - epoch, interval);

    /// <summary>
    /// How long after <paramref name="now"/> the next time of <paramref name="slot"/> comes, within
    /// (0, <paramref name="interval"/>]: the delay of a new master's second advert (all in µs, one clock).
    /// </summary>
    public static long DelayToNext(long now, long slot, long interval) => interval - Mod(now - slot, interval);

    private static long Mod(long value, long modulus) => ((value % modulus) + modulus) % modulus;
}
