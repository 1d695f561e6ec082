using System.Net;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Netlink;
using static Keepalived.Tests.Kernel.Ipvs.IpvsFixtures;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>lvs_timeouts (SET/GET_CONFIG) and lvs_sync_daemon (NEW/DEL_DAEMON), docs/check.md 3.2 and 3.5.</summary>
public class IpvsConfigTests
{
    [Fact]
    public void Timeouts_send_only_the_non_zero_ones()
    {
        var writer = new NetlinkWriter(new byte[128]);
        IpvsRequest.SetTimeouts(ref writer, Family, new IpvsTimeouts(900, 120, 300), sequence: 11);
        Assert.Equal(
            "2C000000" + "2400" + "0500" + "0B000000" + "00000000" + "0C010000" +
            "08000400" + "84030000" + "08000500" + "78000000" + "08000600" + "2C010000",
            Convert.ToHexString(writer.Written));

        IpvsRequest.SetTimeouts(ref writer, Family, new IpvsTimeouts(0, 0, 60), sequence: 12);
        Assert.Equal(
            "1C000000" + "2400" + "0500" + "0C000000" + "00000000" + "0C010000" + "08000600" + "3C000000",
            Convert.ToHexString(writer.Written));

        IpvsRequest.GetTimeouts(ref writer, Family, sequence: 13);
        Assert.Equal("14000000" + "2400" + "0100" + "0D000000" + "00000000" + "0D010000", Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void Get_config_reply_reads_the_three_timeouts()
    {
        var buffer = new byte[64];
        var w = new NetlinkWriter(buffer);
        GenericNetlink.BeginMessage(ref w, Family, (byte)IpvsCommand.SetConfig, 1, 0, 1);
        w.AttributeU32(IpvsAttribute.TimeoutTcp, 900);
        w.AttributeU32(IpvsAttribute.TimeoutTcpFin, 120);
        w.AttributeU32(IpvsAttribute.TimeoutUdp, 300);
        var length = w.EndMessage();
        var reader = new NetlinkMessageReader(buffer.AsSpan(0, length));
        Assert.True(reader.TryRead(out var m));
        Assert.True(IpvsReply.TryReadTimeouts(m, out var timeouts));
        Assert.Equal(new IpvsTimeouts(900, 120, 300), timeouts);

        reader = new NetlinkMessageReader(buffer.AsSpan(0, length - 4));
        Assert.False(reader.TryRead(out _));
        Assert.True(reader.Malformed);
    }

    [Fact]
    public void Sync_daemon_start_with_every_option_and_stop_with_identity_only()
    {
        var daemon = new IpvsSyncDaemon(IpvsSyncState.Master, "eth0", 5, MaxLength: 1472,
            Group: IPAddress.Parse("224.0.0.81"), Port: 8848, Ttl: 1);
        var writer = new NetlinkWriter(new byte[128]);
        IpvsRequest.SyncDaemon(ref writer, Family, start: true, daemon, sequence: 14);
        Assert.Equal(
            "54000000" + "2400" + "0500" + "0E000000" + "00000000" + "09010000" +
            "40000300" +
            "08000100" + "01000000" +
            "09000200" + "65746830" + "00000000" +
            "08000300" + "05000000" +
            "06000400" + "C0050000" +
            "06000700" + "90220000" +
            "05000800" + "01000000" +
            "08000500" + "E0000051",
            Convert.ToHexString(writer.Written));

        IpvsRequest.SyncDaemon(ref writer, Family, start: false, daemon with { State = IpvsSyncState.Backup }, sequence: 15);
        Assert.Equal(
            "34000000" + "2400" + "0500" + "0F000000" + "00000000" + "0A010000" +
            "20000300" +
            "08000100" + "02000000" +
            "09000200" + "65746830" + "00000000" +
            "08000300" + "05000000",
            Convert.ToHexString(writer.Written));
    }
}
