using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

/// <summary>
/// AdvertSlot: with more than 128 instances, masters that take over together send their second
/// advert at their place's next point of the interval; fewer instances keep the RFC's timing.
/// </summary>
public class AdvertSlotTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 618_033)]
    [InlineData(2, 236_067)]
    [InlineData(3, 854_101)]
    [InlineData(4, 472_135)]
    [InlineData(AdvertSlot.Places, 0)]      // place 0 again
    [InlineData(AdvertSlot.Places + 1, 618_033)]
    public void Places_are_spread_by_the_golden_ratio(int ordinal, long microseconds)
    {
        Assert.Equal(TimeSpan.FromMicroseconds(microseconds), AdvertSlot.For(AdvertSlot.PlaceOf(ordinal, 1_000)!.Value, Second));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    public void A_configuration_of_128_instances_or_fewer_keeps_the_rfc_timing(int instances)
    {
        Assert.All(Enumerable.Range(0, instances), k => Assert.Null(AdvertSlot.PlaceOf(k, instances)));
    }

    [Theory]
    [InlineData(2, 1_000)]
    [InlineData(2, 129)]
    [InlineData(3, 1_000)]   // advert_int 0.1 s
    public void The_places_cover_the_interval_evenly_and_share_the_instances(int version, int count)
    {
        var interval = version == 2 ? Second : TimeSpan.FromMilliseconds(100);
        var all = Enumerable.Range(0, count).Select(k => AdvertSlot.For(AdvertSlot.PlaceOf(k, count)!.Value, interval)).ToList();
        Assert.All(all, p => Assert.InRange(p, TimeSpan.Zero, interval - TimeSpan.FromMicroseconds(1)));
        var places = all.Distinct().Order().ToList();
        Assert.Equal(AdvertSlot.Places, places.Count);
        Assert.All(all.CountBy(p => p), c => Assert.InRange(c.Value, count / AdvertSlot.Places, count / AdvertSlot.Places + 1));
        // even spacing would be interval / Places; the golden ratio's widest gap (the wrap included) stays within 3 of those
        var gaps = places.Zip(places.Skip(1), (a, b) => b - a).Append(interval - places[^1] + places[0]);
        Assert.True(gaps.Max() <= interval / AdvertSlot.Places * 3, $"widest gap {gaps.Max().TotalMicroseconds} µs");
    }

    [Theory]
    [InlineData(10_000_000, 250_000, 250_000)]     // 10 s: the place's next point is 0.25 s away
    [InlineData(10_300_000, 250_000, 950_000)]
    [InlineData(10_250_000, 250_000, 1_000_000)]   // on the point: one whole interval
    [InlineData(10_249_999, 250_000, 1)]
    public void The_second_advert_goes_at_the_next_point_within_one_interval(long now, long slot, long delay)
    {
        Assert.Equal(delay, AdvertSlot.DelayToNext(now, slot, 1_000_000));
    }

    [Theory]
    [InlineData(250_000, 0, 250_000)]
    [InlineData(250_000, 7_400_000, 850_000)]     // an instance started 7.4 s into the clock
    [InlineData(0, 1_000_001, 999_999)]
    public void A_place_is_moved_to_the_instance_clock(long slot, long epoch, long local)
    {
        Assert.Equal(local, AdvertSlot.ToLocal(slot, epoch, 1_000_000));
    }

    [Fact]
    public void A_new_master_sends_its_second_advert_at_its_slot_then_every_interval()
    {
        var slot = TimeSpan.FromMilliseconds(250);
        var h = new FsmHarness(configure: s => s with { AdvertSlot = slot, GarpMasterDelay = TimeSpan.Zero });
        h.Start();
        // v2, priority 100: takes over at 3.609375 s; the slot's next point is 4.25 s
        var tookOver = h.DueOf(VrrpTimer.MasterDown)!.Value;
        Assert.Equal(TimeSpan.FromMicroseconds(3_609_375), tookOver);
        h.AdvanceTo(tookOver);
        Assert.Equal(VrrpState.Master, h.State);
        Assert.Equal(TimeSpan.FromMilliseconds(4_250), h.DueOf(VrrpTimer.Advert));

        h.AdvanceTo(TimeSpan.FromMilliseconds(4_250));
        Assert.Equal(TimeSpan.FromMilliseconds(5_250), h.DueOf(VrrpTimer.Advert));
    }

    [Fact]
    public void Without_a_slot_the_second_advert_is_one_interval_after_the_first()
    {
        var h = new FsmHarness();
        h.Start();
        var tookOver = h.DueOf(VrrpTimer.MasterDown)!.Value;
        h.AdvanceTo(tookOver);
        Assert.Equal(tookOver + Second, h.DueOf(VrrpTimer.Advert));
    }

    [Fact]
    public void A_slot_outside_the_interval_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new VrrpStateMachine(new VrrpStateMachineSettings
        {
            PrimaryAddress = System.Net.IPAddress.Parse("10.199.0.1"),
            AdvertSlot = Second,
        }));
    }
}
