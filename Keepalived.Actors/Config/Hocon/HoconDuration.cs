namespace Keepalived.Actors.Config.Hocon;

/// <summary>
/// Spec "Duration format": a bare number is milliseconds; units are case sensitive and exactly
/// ns/nano/nanos/nanosecond(s), us/micro/micros/microsecond(s), ms/milli/millis/millisecond(s),
/// s/second(s), m/minute(s), h/hour(s), d/day(s). <c>infinite</c> is accepted when allowed
/// (Akka.NET convention) and gives <see cref="Timeout.InfiniteTimeSpan"/>.
/// </summary>
public static class HoconDuration
{
    private static readonly Dictionary<string, decimal> TicksPerUnit = BuildUnits();

    /// <summary>Parses a duration such as <c>500ms</c>, <c>2 m</c> or <c>1.5h</c>.</summary>
    /// <exception cref="HoconException">The text is not a duration.</exception>
    public static TimeSpan Parse(string text, bool allowInfinite = true) =>
        TryParse(text, allowInfinite, out var value)
            ? value
            : throw new HoconException($"'{HoconLimits.Shorten(text)}' is not a duration (expected e.g. 500ms, 10s, 2 m, 1.5h, 3d)");

    /// <summary>Parses a duration; false if the text is not one.</summary>
    public static bool TryParse(string text, bool allowInfinite, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        if (text.Trim() == "infinite")
        {
            value = Timeout.InfiniteTimeSpan;
            return allowInfinite;
        }

        if (!HoconUnits.TrySplit(text, out var number, out var unit)
            || !TicksPerUnit.TryGetValue(unit, out var ticks)
            || !HoconUnits.TryScale(number, ticks, out var total))
        {
            return false;
        }

        value = TimeSpan.FromTicks(total);
        return true;
    }

    private static Dictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal) { [string.Empty] = TimeSpan.TicksPerMillisecond };
        Add(0.01m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(TimeSpan.TicksPerMicrosecond, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;

        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units.Add(name, ticks);
            }
        }
    }
}
