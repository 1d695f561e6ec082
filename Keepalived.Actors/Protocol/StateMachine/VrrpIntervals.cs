namespace Keepalived.Actors.Protocol;

/// <summary>
/// The VRRP timer arithmetic, in microseconds as keepalived does it (TIMER_HZ = 1,000,000),
/// with keepalived's integer rounding (vrrp.h VRRP_TIMER_SKEW_CALC, VRRP_MS_DOWN_TIMER).
/// </summary>
public static class VrrpIntervals
{
    public const long MicrosecondsPerSecond = 1_000_000;
    /// <summary>The unit of the VRRPv3 Max Adver Int field.</summary>
    public const long MicrosecondsPerCentisecond = 10_000;
    /// <summary>The VRRPv3 Max Adver Int field is 12 bits of centiseconds.</summary>
    public const long MaxV3AdvertIntervalCentiseconds = 0x0FFF;

    /// <summary>
    /// Skew_Time. v2 (RFC 3768 §6.1): (256 − Priority) / 256 seconds, i.e. 609,375 µs at 100.
    /// v3 (RFC 5798 §6.1): ((256 − Priority) × Master_Adver_Interval) / 256; keepalived counts the
    /// interval in whole centiseconds and computes (256 − p) × cs × 625 / 16 to stay within 32
    /// bits, truncating: 100 ms at priority 100 gives 60,937 µs (exactly 60,937.5).
    /// </summary>
    public static long SkewMicroseconds(int version, int priority, long masterAdverIntervalMicroseconds) =>
        version == 3
            ? (256L - priority) * (masterAdverIntervalMicroseconds / MicrosecondsPerCentisecond) * 625 / 16
            : (256L - priority) * MicrosecondsPerSecond / 256;

    /// <summary>
    /// Master_Down_Interval = down_timer_adverts (3 in the RFCs) × Master_Adver_Interval + Skew_Time.
    /// </summary>
    public static long MasterDownMicroseconds(int version, int priority, long masterAdverIntervalMicroseconds, int downTimerAdverts) =>
        downTimerAdverts * masterAdverIntervalMicroseconds + SkewMicroseconds(version, priority, masterAdverIntervalMicroseconds);

    /// <summary>Whole microseconds of a time span (truncated, as timeval arithmetic would).</summary>
    public static long ToMicroseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMicrosecond;

    public static TimeSpan FromMicroseconds(long microseconds) => TimeSpan.FromTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
