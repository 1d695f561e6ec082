using System.Net;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

public class VrrpIntervalsTests
{
    [Fact]
    public void V2_advert_1s_priority_100_gives_3s_plus_609_375_ms()
    {
        Assert.Equal(609_375, VrrpIntervals.SkewMicroseconds(2, 100, 1_000_000));
        Assert.Equal(3_609_375, VrrpIntervals.MasterDownMicroseconds(2, 100, 1_000_000, 3));

        var m = new VrrpStateMachine(new VrrpStateMachineSettings { Priority = 100, PrimaryAddress = IPAddress.Parse("10.199.0.1") });
        Assert.Equal(TimeSpan.FromMicroseconds(609_375), m.SkewTime);
        Assert.Equal(TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds(609_375), m.MasterDownInterval);
    }

    [Fact]
    public void V3_advert_100ms_priority_100_gives_300ms_plus_keepalived_truncated_60_937_us()
    {
        // Exactly 60,937.5 µs; keepalived's (256 - p) * cs * 625 / 16 truncates to whole µs.
        Assert.Equal(60_937, VrrpIntervals.SkewMicroseconds(3, 100, 100_000));
        Assert.Equal(360_937, VrrpIntervals.MasterDownMicroseconds(3, 100, 100_000, 3));

        var m = new VrrpStateMachine(new VrrpStateMachineSettings
        {
            Version = 3, Priority = 100, AdvertInterval = TimeSpan.FromMilliseconds(100), PrimaryAddress = IPAddress.Parse("fd00:199::1"),
        });
        Assert.Equal(TimeSpan.FromMicroseconds(360_937), m.MasterDownInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), m.MasterAdverInterval);
    }

    [Theory]
    [InlineData(2, 255, 1_000_000, 3_906)]       // 1/256 s, truncated
    [InlineData(2, 1, 1_000_000, 996_093)]
    [InlineData(2, 100, 5_000_000, 609_375)]     // v2 skew does not depend on the interval
    [InlineData(3, 255, 1_000_000, 3_906)]
    [InlineData(3, 100, 1_000_000, 609_375)]
    [InlineData(3, 200, 40_950_000, 8_957_812)]  // the largest v3 interval stays within range
    public void Skew_follows_keepalived_integer_arithmetic(int version, int priority, long interval, long expected) =>
        Assert.Equal(expected, VrrpIntervals.SkewMicroseconds(version, priority, interval));

    [Fact]
    public void Down_timer_adverts_replaces_the_3_of_the_RFC() =>
        Assert.Equal(5 * 1_000_000 + 609_375, VrrpIntervals.MasterDownMicroseconds(2, 100, 1_000_000, 5));

    [Fact]
    public void Microsecond_conversions_round_trip_and_truncate()
    {
        Assert.Equal(1_500, VrrpIntervals.ToMicroseconds(TimeSpan.FromTicks(15_009)));
        Assert.Equal(TimeSpan.FromMilliseconds(1.5), VrrpIntervals.FromMicroseconds(1_500));
    }
}
