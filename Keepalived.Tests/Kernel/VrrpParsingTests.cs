using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;
using System.Net;
using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Vrrp;
using Tmds.Linux;

namespace Keepalived.Tests.Kernel;

/// <summary>The receive path's parsing of what the kernel hands over, including hostile bytes (no root needed).</summary>
public sealed class VrrpParsingTests
{
    [Fact]
    public void An_IPv4_header_gives_the_payload_after_it()
    {
        byte[] datagram = new byte[20 + 16];
        Ipv4Header.Write(datagram, IPAddress.Parse("10.199.0.1").GetAddressBytes(), IPAddress.Parse("224.0.0.18").GetAddressBytes(),
            VrrpConstants.IpProtocolVrrp, 16, ttl: 255);
        Assert.True(Ipv4Header.TryLocatePayload(datagram, out var ip, out int offset, out int length));
        Assert.Equal((20, 16), (offset, length));
        Assert.Equal(255, ip.Ttl);
        Assert.Equal(0xc0, datagram[1]);
        Assert.Equal(112, datagram[9]);
        Assert.Equal(IPAddress.Parse("10.199.0.1"), new IPAddress(ip.Source));
    }

    [Theory]
    [InlineData(0x45, 19, 19)]   // shorter than a header
    [InlineData(0x65, 36, 36)]   // not version 4
    [InlineData(0x44, 36, 36)]   // header length below 20
    [InlineData(0x4f, 36, 36)]   // header length 60 beyond the data
    [InlineData(0x45, 36, 40)]   // total length beyond what arrived
    [InlineData(0x46, 36, 20)]   // total length inside the header
    public void A_malformed_IPv4_header_is_refused(byte versionIhl, int received, int totalLength)
    {
        byte[] datagram = new byte[Math.Max(received, 20)];
        datagram[0] = versionIhl;
        datagram[2] = (byte)(totalLength >> 8);
        datagram[3] = (byte)totalLength;
        Assert.False(Ipv4Header.TryLocatePayload(datagram.AsSpan(0, received), out _, out _, out _));
    }

    [Fact]
    public void Any_bytes_as_an_IPv4_header_give_a_payload_inside_them_or_a_refusal()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            if (!Ipv4Header.TryLocatePayload(bytes, out _, out int offset, out int length))
                return true;
            return offset >= 20 && length >= 0 && offset + length <= bytes.Length;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Control_messages_give_pktinfo_and_hop_limit()
    {
        byte[] control = new byte[ControlMessages.ReceiveSpace];
        IPAddress group = VrrpSocketOptions.Ipv6Group;
        int used = ControlMessages.WriteIpv6PacketInfo(control, group, 7);
        MemoryMarshal.Write(control.AsSpan(used), new cmsghdr { cmsg_len = 16 + 4, cmsg_level = LibcCalls.IPPROTO_IPV6, cmsg_type = LibcCalls.IPV6_HOPLIMIT });
        MemoryMarshal.Write(control.AsSpan(used + 16), 255);

        int ifIndex = 0, hopLimit = -1;
        ReadOnlySpan<byte> destination = default;
        ControlMessages.Read(control, ref ifIndex, ref hopLimit, ref destination);
        Assert.Equal((7, 255), (ifIndex, hopLimit));
        Assert.Equal(group, new IPAddress(destination));
    }

    [Fact]
    public void Any_bytes_as_control_messages_are_read_without_an_exception()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            int ifIndex = 0, hopLimit = -1;
            ReadOnlySpan<byte> destination = default;
            ControlMessages.Read(bytes, ref ifIndex, ref hopLimit, ref destination);
            return destination.IsEmpty || destination.Length == 16;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_control_message_longer_than_the_buffer_is_ignored()
    {
        byte[] control = new byte[32];
        MemoryMarshal.Write(control, new cmsghdr { cmsg_len = 4096, cmsg_level = LibcCalls.IPPROTO_IPV6, cmsg_type = LibcCalls.IPV6_HOPLIMIT });
        int ifIndex = 0, hopLimit = -1;
        ReadOnlySpan<byte> destination = default;
        ControlMessages.Read(control, ref ifIndex, ref hopLimit, ref destination);
        Assert.Equal(-1, hopLimit);
    }

    [Fact]
    public void The_same_address_bytes_give_the_same_instance()
    {
        var cache = new AddressCache();
        IPAddress first = cache.Get([10, 199, 0, 1]);
        Assert.Same(first, cache.Get([10, 199, 0, 1]));
        Assert.Equal(IPAddress.Parse("10.199.0.1"), first);
        Assert.NotSame(first, cache.Get([10, 199, 0, 2]));
        IPAddress linkLocal = cache.Get(IPAddress.Parse("fe80::1").GetAddressBytes(), 3);
        Assert.Equal(3, linkLocal.ScopeId);
        Assert.NotSame(linkLocal, cache.Get(IPAddress.Parse("fe80::1").GetAddressBytes(), 4));
    }

    [Fact]
    public void An_address_cache_stays_right_past_its_capacity()
    {
        var cache = new AddressCache();
        for (int round = 0; round < 3; round++)
            for (byte i = 0; i < 40; i++)
                Assert.Equal(new IPAddress([10, 199, 1, i]), cache.Get([10, 199, 1, i]));
    }
}
