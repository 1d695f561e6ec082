using Xunit;
using Keepalived.Actors.Config.Hocon;
using static Keepalived.Tests.Config.Hocon.HoconTestSupport;

namespace Keepalived.Tests.Config.Hocon;

public class HoconUnitsTests
{
    public static TheoryData<string, long> Durations => new()
    {
        { "500", 500 * TimeSpan.TicksPerMillisecond },
        { "1.5", 15_000 },
        { "500ms", 500 * TimeSpan.TicksPerMillisecond },
        { "1s", TimeSpan.TicksPerSecond },
        { "2 m", 2 * TimeSpan.TicksPerMinute },
        { "1.5h", 90 * TimeSpan.TicksPerMinute },
        { "3d", 3 * TimeSpan.TicksPerDay },
        { "100ns", 1 },
        { "100 nano", 1 },
        { "200 nanos", 2 },
        { "300 nanosecond", 3 },
        { "400 nanoseconds", 4 },
        { "1us", 10 },
        { "1 micro", 10 },
        { "2 micros", 20 },
        { "3 microsecond", 30 },
        { "4 microseconds", 40 },
        { "1 milli", TimeSpan.TicksPerMillisecond },
        { "2 millis", 2 * TimeSpan.TicksPerMillisecond },
        { "3 millisecond", 3 * TimeSpan.TicksPerMillisecond },
        { "4 milliseconds", 4 * TimeSpan.TicksPerMillisecond },
        { "1 second", TimeSpan.TicksPerSecond },
        { "2 seconds", 2 * TimeSpan.TicksPerSecond },
        { "1 minute", TimeSpan.TicksPerMinute },
        { "2 minutes", 2 * TimeSpan.TicksPerMinute },
        { "1 hour", TimeSpan.TicksPerHour },
        { "2 hours", 2 * TimeSpan.TicksPerHour },
        { "1 day", TimeSpan.TicksPerDay },
        { "2 days", 2 * TimeSpan.TicksPerDay },
        { " 10s ", 10 * TimeSpan.TicksPerSecond },
        { "1e3ms", TimeSpan.TicksPerSecond },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Durations_follow_the_spec_units(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), HoconDuration.Parse(text));
        Assert.Equal(TimeSpan.FromTicks(ticks), Parse($"d = \"{text}\"").GetTimeSpan("d"));
    }

    [Fact]
    public void Unquoted_durations_parse_as_concatenations()
    {
        var config = Parse("a = 500ms\nb = 2 m\nc = 1.5h\nd = 250");
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetTimeSpan("a"));
        Assert.Equal(TimeSpan.FromMinutes(2), config.GetTimeSpan("b"));
        Assert.Equal(TimeSpan.FromMinutes(90), config.GetTimeSpan("c"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.GetTimeSpan("d"));
    }

    [Theory]
    [InlineData("10 S")]
    [InlineData("10 Seconds")]
    [InlineData("10 sec")]
    [InlineData("10 w")]
    [InlineData("s")]
    [InlineData("")]
    [InlineData("1 2 s")]
    [InlineData("99999999999999999999999 d")]
    public void Invalid_durations_are_rejected(string text)
    {
        Assert.False(HoconDuration.TryParse(text, true, out _));
        Assert.Throws<HoconException>(() => Parse($"d = \"{text}\"").GetTimeSpan("d"));
    }

    [Fact]
    public void Infinite_only_when_allowed()
    {
        var config = Parse("t = infinite");
        Assert.Equal(Timeout.InfiniteTimeSpan, config.GetTimeSpan("t"));
        var error = Assert.Throws<HoconException>(() => config.GetTimeSpan("t", allowInfinite: false));
        Assert.Contains("infinite", error.Message);
    }

    [Fact]
    public void Missing_duration_returns_the_default()
    {
        var config = Parse("");
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetTimeSpan("x", TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.Zero, config.GetTimeSpan("x"));
    }

    public static TheoryData<string, long> Sizes
    {
        get
        {
            var data = new TheoryData<string, long>
            {
                { "512", 512 }, { "10k", 10_240 }, { "10K", 10_240 }, { "10Ki", 10_240 }, { "10KiB", 10_240 },
                { "10 kibibyte", 10_240 }, { "10 kibibytes", 10_240 }, { "10kB", 10_000 }, { "10 kilobyte", 10_000 },
                { "10 kilobytes", 10_000 }, { "1M", 1L << 20 }, { "1m", 1L << 20 }, { "1MiB", 1L << 20 },
                { "1MB", 1_000_000 }, { "1 megabytes", 1_000_000 }, { "1 mebibytes", 1L << 20 },
                { "1G", 1L << 30 }, { "1g", 1L << 30 }, { "1GiB", 1L << 30 }, { "1GB", 1_000_000_000 },
                { "1 gigabyte", 1_000_000_000 }, { "1 gibibyte", 1L << 30 }, { "1T", 1L << 40 }, { "1TB", 1_000_000_000_000 },
                { "1 tebibytes", 1L << 40 }, { "1P", 1L << 50 }, { "1PB", 1_000_000_000_000_000 }, { "1 pebibyte", 1L << 50 },
                { "1E", 1L << 60 }, { "1e", 1L << 60 }, { "1EiB", 1L << 60 }, { "1EB", 1_000_000_000_000_000_000 },
                { "1 exabyte", 1_000_000_000_000_000_000 }, { "1 exbibyte", 1L << 60 },
                { "5B", 5 }, { "5b", 5 }, { "5 byte", 5 }, { "5 bytes", 5 }, { "1.5k", 1536 }, { "1.5kB", 1500 },
            };
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Sizes_follow_the_spec_table(string text, long bytes)
    {
        Assert.Equal(bytes, HoconByteSize.Parse(text));
        Assert.Equal(bytes, Parse($"s = \"{text}\"").GetByteSize("s"));
    }

    [Theory]
    [InlineData("10KB")]
    [InlineData("10 kb")]
    [InlineData("10 Kilobytes")]
    [InlineData("16E")]
    [InlineData("1Z")]
    [InlineData("1 YB")]
    [InlineData("ten k")]
    public void Invalid_or_overflowing_sizes_are_rejected(string text)
    {
        Assert.False(HoconByteSize.TryParse(text, out _));
        Assert.Throws<HoconException>(() => Parse($"s = \"{text}\"").GetByteSize("s"));
    }

    [Fact]
    public void Unquoted_sizes_and_defaults()
    {
        var config = Parse("a = 10k\nb = 1 MiB\nc = 512");
        Assert.Equal(10_240, config.GetByteSize("a"));
        Assert.Equal(1L << 20, config.GetByteSize("b"));
        Assert.Equal(512, config.GetByteSize("c"));
        Assert.Null(config.GetByteSize("missing"));
        Assert.Equal(7, config.GetByteSize("missing", 7));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("\"true\"", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("\"off\"", false)]
    public void Booleans(string text, bool expected) => Assert.Equal(expected, Parse($"b = {text}").GetBoolean("b", !expected));

    [Theory]
    [InlineData("1")]
    [InlineData("TRUE")]
    [InlineData("y")]
    [InlineData("[true]")]
    public void Non_booleans_are_rejected(string text) => Assert.Throws<HoconException>(() => Parse($"b = {text}").GetBoolean("b"));

    [Fact]
    public void Numbers_convert_from_strings_and_check_range()
    {
        var config = Parse("a = 42\nb = \"17\"\nc = 1e3\nd = 3000000000\ne = 1.5\nf = abc\ng = -0.25");
        Assert.Equal(42, config.GetInt("a"));
        Assert.Equal(17, config.GetInt("b"));
        Assert.Equal(1000, config.GetInt("c"));
        Assert.Equal(3_000_000_000L, config.GetLong("d"));
        Assert.Throws<HoconException>(() => config.GetInt("d"));
        Assert.Throws<HoconException>(() => config.GetInt("e"));
        Assert.Equal(1.5, config.GetDouble("e"));
        Assert.Equal(-0.25, config.GetDouble("g"));
        var error = Assert.Throws<HoconException>(() => config.GetInt("f"));
        Assert.Contains("f:", error.Message);
        Assert.Contains("Line 6", error.Message);
        Assert.Equal(5, config.GetInt("missing", 5));
    }
}
