using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Tests.Protocol.Packet;

public class VrrpStatisticsTests
{
    [Fact]
    public void Stats_file_block_has_keepalived_text_and_order()
    {
        var stats = new VrrpStatistics
        {
            AdvertRcvd = 1, AdvertSent = 2, BecomeMaster = 3, ReleaseMaster = 4, PacketLenErr = 5, IpTtlErr = 6, InvalidTypeRcvd = 7,
            AdvertIntervalErr = 8, AddrListErr = 9, InvalidAuthtype = 10, AuthtypeMismatch = 11, AuthFailure = 12, PriZeroRcvd = 13, PriZeroSent = 14,
        };

        // vrrp_print_stats (keepalived 2.2.7, vrrp_print.c) for a build with VRRP_AUTH.
        Assert.Equal("""
            VRRP Instance: VI_1
              Advertisements:
                Received: 1
                Sent: 2
              Became master: 3
              Released master: 4
              Packet Errors:
                Length: 5
                TTL: 6
                Invalid Type: 7
                Advertisement Interval: 8
                Address List: 9
              Authentication Errors:
                Invalid Type: 10
                Type Mismatch: 11
                Failure: 12
              Priority Zero:
                Received: 13
                Sent: 14

            """.Replace("\r\n", "\n"), stats.FormatStats("VI_1"));
    }

    [Fact]
    public void Clear_zeroes_every_counter()
    {
        var stats = new VrrpStatistics();
        var counters = typeof(VrrpStatistics).GetProperties().Where(p => p.PropertyType == typeof(long)).ToList();
        foreach (var p in counters)
            p.SetValue(stats, 42L);

        stats.Clear();

        Assert.Equal(16, counters.Count);
        Assert.All(counters, p => Assert.Equal(0L, p.GetValue(stats)));
    }
}
