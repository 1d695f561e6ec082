using System.Net;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Tests.Kernel.Netlink;

public class NetlinkCodecTests
{
    [Fact]
    public void Attributes_are_padded_to_four_bytes_and_nests_carry_their_length()
    {
        var buffer = new byte[128];
        var writer = new NetlinkWriter(buffer);
        writer.BeginMessage(NetlinkMessageType.NewLink, NetlinkFlags.Request, 7, 9);
        writer.AttributeString(3, "ab"); // 4 + 3 = 7, padded to 8
        var nest = writer.BeginNested(8);
        writer.AttributeU8(1, 0x55); // 5, padded to 8
        writer.EndNested(nest);
        var length = writer.EndMessage();

        Assert.Equal(16 + 8 + 12, length);
        Assert.Equal(
            "24000000" + "1000" + "0100" + "07000000" + "09000000" +
            "07000300" + "61620000" +
            "0C000800" + "05000100" + "55000000",
            Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void Writer_refuses_to_overrun_its_buffer()
    {
        var failed = false;
        try
        {
            var writer = new NetlinkWriter(new byte[24]);
            writer.BeginMessage(NetlinkMessageType.NewAddr, 0, 1);
            writer.AttributeAddress(1, IPAddress.IPv6Loopback);
        }
        catch (InvalidOperationException)
        {
            failed = true;
        }
        Assert.True(failed);
    }

    [Fact]
    public void Reader_walks_a_multipart_datagram()
    {
        var datagram = new byte[64];
        var writer = new NetlinkWriter(datagram);
        writer.BeginMessage(NetlinkMessageType.NewAddr, NetlinkFlags.Multi, 5, 77);
        writer.Write(new IfAddrMsg(2, 24, 0, 0, 3));
        var first = writer.EndMessage();
        var second = new NetlinkWriter(datagram.AsSpan(first));
        second.BeginMessage(NetlinkMessageType.Done, NetlinkFlags.Multi, 5, 77);
        second.Reserve(4);
        var total = first + second.EndMessage();

        var reader = new NetlinkMessageReader(datagram.AsSpan(0, total));
        Assert.True(reader.TryRead(out var a));
        Assert.Equal(new NetlinkMessageHeader(24, NetlinkMessageType.NewAddr, NetlinkFlags.Multi, 5, 77), a.Header);
        Assert.True(reader.TryRead(out var b));
        Assert.Equal(NetlinkMessageType.Done, b.Type);
        Assert.False(reader.TryRead(out _));
        Assert.False(reader.Malformed);
    }

    [Fact]
    public void Ack_and_error_with_extended_ack_text()
    {
        // nlmsgerr: error -17, the echoed request header (capped), then NLMSGERR_ATTR_MSG
        var bytes = Convert.FromHexString(
            "30000000" + "0200" + "0003" + "2A000000" + "D2040000" +
            "EFFFFFFF" +
            "1C000000" + "1400" + "0500" + "2A000000" + "00000000" +
            "0B000100" + "65786973747300" + "00");
        var reader = new NetlinkMessageReader(bytes);
        Assert.True(reader.TryRead(out var message));
        Assert.True(message.TryReadError(out var errno, out var text));
        Assert.Equal(Errno.EEXIST, errno);
        Assert.Equal("exists", text);

        var ack = Convert.FromHexString("24000000" + "0200" + "0001" + "2A000000" + "D2040000" + "00000000" + "1C000000140005002A00000000000000");
        var ackReader = new NetlinkMessageReader(ack);
        Assert.True(ackReader.TryRead(out var ackMessage));
        Assert.True(ackMessage.TryReadError(out var none, out var noText));
        Assert.Equal(Errno.None, none);
        Assert.Null(noText);
    }

    [Theory]
    [InlineData("0F000000000000000000000000000000")] // nlmsg_len shorter than the header
    [InlineData("40000000100000000000000000000000")] // nlmsg_len past the datagram
    [InlineData("1000000010000000000000")] // datagram shorter than a header
    public void Malformed_datagrams_stop_the_walk_without_throwing(string hex)
    {
        var reader = new NetlinkMessageReader(Convert.FromHexString(hex));
        Assert.False(reader.TryRead(out _));
        Assert.True(reader.Malformed);
    }

    [Theory]
    [InlineData("0300")] // shorter than rtattr
    [InlineData("03000100")] // rta_len below 4
    [InlineData("0900010001020304")] // rta_len past the payload
    public void Malformed_attributes_stop_the_walk_without_throwing(string hex)
    {
        var reader = new AttributeReader(Convert.FromHexString(hex));
        Assert.False(reader.TryRead(out _));
        Assert.True(reader.Malformed);
    }

    [Fact]
    public void Random_bytes_never_throw_from_the_parsers()
    {
        var random = new Random(199);
        var buffer = new byte[256];
        var monitorEvents = new List<NetlinkEvent>();
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            // plausible headers half of the time, so the payload parsers are reached
            if (length >= 16 && i % 2 == 0)
            {
                BitConverter.TryWriteBytes(buffer.AsSpan(0, 4), (uint)random.Next(16, length + 1));
                BitConverter.TryWriteBytes(buffer.AsSpan(4, 2), (ushort)random.Next(1, 24));
            }
            var reader = new NetlinkMessageReader(buffer.AsSpan(0, length));
            while (reader.TryRead(out var m))
            {
                _ = NetlinkLink.Parse(m);
                _ = NetlinkAddress.Parse(m);
                _ = m.TryReadError(out _, out _);
            }
        }
        using var monitor = new NetlinkMonitor(4096);
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(buffer);
            BitConverter.TryWriteBytes(buffer.AsSpan(0, 4), (uint)random.Next(16, buffer.Length));
            BitConverter.TryWriteBytes(buffer.AsSpan(4, 2), (ushort)random.Next(16, 22));
            monitor.Read(buffer, monitorEvents);
        }
        Assert.True(monitor.MalformedMessages > 0);
    }
}
