using Keepalived.Actors.Check.Probes;

namespace Keepalived.Tests.Check.Probes;

/// <summary>PING_CHECK's echo request and reply test.</summary>
public sealed class IcmpEchoTests
{
    [Fact]
    public void Request_has_128_data_bytes_and_a_valid_IPv4_checksum()
    {
        byte[] request = IcmpEcho.Request(v6: false, identifier: 0x4242, sequence: 7);
        Assert.Equal(8 + 128, request.Length);
        Assert.Equal(8, request[0]);
        Assert.Equal(0, IcmpEcho.Checksum(request));   // a correct checksum sums to zero
        Assert.Equal(UdpReply.Filler(128), request.AsSpan(8).ToArray());
        Assert.Equal(128, IcmpEcho.Request(v6: true, 1, 1)[0]);
    }

    [Fact]
    public void Checksum_of_the_RFC_1071_example()
    {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2, whose complement is 220d.
        Assert.Equal(0x220d, IcmpEcho.Checksum([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]));
    }

    private static byte[] Reply(bool v6, ushort id, ushort seq)
    {
        byte[] packet = IcmpEcho.Request(v6, id, seq);
        packet[0] = (byte)(v6 ? 129 : 0);
        return packet;
    }

    [Fact]
    public void Reply_matches_type_identifier_and_sequence()
    {
        Assert.True(IcmpEcho.IsReply(Reply(false, 5, 9), false, false, null, 9));
        Assert.True(IcmpEcho.IsReply(Reply(false, 5, 9), false, false, 5, 9));
        Assert.False(IcmpEcho.IsReply(Reply(false, 5, 9), false, false, 6, 9));
        Assert.False(IcmpEcho.IsReply(Reply(false, 5, 9), false, false, null, 10));
        Assert.False(IcmpEcho.IsReply(IcmpEcho.Request(false, 5, 9), false, false, null, 9));   // our own request
        Assert.True(IcmpEcho.IsReply(Reply(true, 5, 9), true, false, 5, 9));
        Assert.False(IcmpEcho.IsReply(Reply(false, 5, 9), true, false, 5, 9));
        Assert.False(IcmpEcho.IsReply([0, 0, 0], false, false, null, 0));
    }

    [Fact]
    public void Raw_IPv4_replies_carry_the_IP_header()
    {
        byte[] icmp = Reply(false, 5, 9);
        byte[] withHeader = new byte[24 + icmp.Length];
        withHeader[0] = 0x46;   // version 4, IHL 6 (24 bytes, with options)
        icmp.CopyTo(withHeader, 24);
        Assert.True(IcmpEcho.IsReply(withHeader, false, true, 5, 9));
        Assert.False(IcmpEcho.IsReply(icmp, false, true, 5, 9));
    }
}
