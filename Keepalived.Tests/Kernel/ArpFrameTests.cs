using System.Net;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Tests.Kernel;

/// <summary>GARP / NA frame building and its refusals (no root needed).</summary>
public sealed class ArpFrameTests
{
    private static readonly byte[] Mac = [0x02, 0x00, 0x5e, 0x00, 0x01, 0x2a];

    [Fact]
    public void A_wrong_length_MAC_or_family_is_refused()
    {
        var frame = new byte[UnsolicitedNaFrame.Length];
        Assert.Throws<ArgumentException>(() => GarpFrame.Write(frame, Mac.AsSpan(0, 5), IPAddress.Parse("10.199.0.1")));
        Assert.Throws<ArgumentException>(() => GarpFrame.Write(frame, Mac, IPAddress.Parse("fd00:199::1")));
        Assert.Throws<ArgumentException>(() => GarpFrame.Write(frame.AsSpan(0, 41), Mac, IPAddress.Parse("10.199.0.1")));
        Assert.Throws<ArgumentException>(() => UnsolicitedNaFrame.Write(frame, Mac.AsSpan(1), IPAddress.Parse("fd00:199::1"), false));
        Assert.Throws<ArgumentException>(() => UnsolicitedNaFrame.Write(frame, Mac, IPAddress.Parse("10.199.0.1"), false));
    }

    [Fact]
    public void The_NA_checksum_verifies()
    {
        var frame = new byte[UnsolicitedNaFrame.Length];
        UnsolicitedNaFrame.Write(frame, Mac, IPAddress.Parse("fd00:199::100"), router: true);
        // over the pseudo-header and the message, a right checksum sums to 0xffff: Finish gives 0
        uint sum = InternetChecksum.Add(0, frame.AsSpan(22, 32)) + 32 + 58;
        Assert.Equal(0, InternetChecksum.Complement(InternetChecksum.Add(sum, frame.AsSpan(54))));
        Assert.Equal(0xa0, frame[58]);
    }

    [Fact]
    public void A_hostile_interface_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Ipv6Forwarding.IsRouter("../all"));
        Assert.Throws<ArgumentException>(() => InterfaceHardwareAddress.Read("a-name-longer-than-15"));
    }
}
