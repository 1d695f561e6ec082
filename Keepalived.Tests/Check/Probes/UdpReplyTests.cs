using System.Text;
using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config.Check;

namespace Keepalived.Tests.Check.Probes;

/// <summary>UDP_CHECK's payload and its test of the reply (check_udp.c).</summary>
public sealed class UdpReplyTests
{
    [Fact]
    public void Default_payload_length()
    {
        Assert.Equal(32, UdpReply.DefaultPayload.Length);
        Assert.Equal("keepalived check - keepalived ch", Encoding.ASCII.GetString(UdpReply.DefaultPayload));
    }

    [Fact]
    public void Length_bounds()
    {
        Assert.Null(UdpReply.Mismatch(new byte[4], 4, 8, null, null));
        Assert.NotNull(UdpReply.Mismatch(new byte[3], 4, 8, null, null));
        Assert.NotNull(UdpReply.Mismatch(new byte[9], 4, 8, null, null));
        Assert.Null(UdpReply.Mismatch([], 0, 255, null, null));
    }

    [Fact]
    public void Hex_with_nibble_wildcards()
    {
        var (data, mask) = HexString.Read("0A bX Xc", allowWildcards: true);
        Assert.NotNull(mask);
        Assert.Null(UdpReply.Mismatch([0x0a, 0xb7, 0x3c], 0, 255, data, mask));
        Assert.Null(UdpReply.Mismatch([0x0a, 0xb0, 0xfc, 0x99], 0, 255, data, mask));   // extra bytes are not compared
        Assert.NotNull(UdpReply.Mismatch([0x0b, 0xb7, 0x3c], 0, 255, data, mask));
        Assert.NotNull(UdpReply.Mismatch([0x0a, 0xc7, 0x3c], 0, 255, data, mask));
        Assert.NotNull(UdpReply.Mismatch([0x0a, 0xb7, 0x3d], 0, 255, data, mask));
        // Over min(received, expected): a shorter reply matches on what it has.
        Assert.Null(UdpReply.Mismatch([0x0a], 0, 255, data, mask));
    }

    [Fact]
    public void Hex_without_wildcards_is_exact()
    {
        var (data, mask) = HexString.Read("dead beef", allowWildcards: true);
        Assert.Null(mask);
        Assert.Null(UdpReply.Mismatch([0xde, 0xad, 0xbe, 0xef], 0, 255, data, mask));
        Assert.NotNull(UdpReply.Mismatch([0xde, 0xad, 0xbe, 0xee], 0, 255, data, mask));
    }
}
