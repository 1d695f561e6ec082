using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Tests.Protocol.Packet;

public class VrrpStatisticsSnapshotTests
{
    [Fact]
    public void A_snapshot_keeps_the_counts_of_its_moment_while_the_live_counters_move_on()
    {
        var live = new VrrpStatistics { AdvertSent = 7, AuthFailure = 2 };

        var snapshot = live.Snapshot();
        live.AdvertSent++;
        live.AuthFailure = 0;

        Assert.NotSame(live, snapshot);
        Assert.Equal((7, 2), (snapshot.AdvertSent, snapshot.AuthFailure));
        Assert.Equal((8, 0), (live.AdvertSent, live.AuthFailure));
    }
}
