using System.Net;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Tests.Kernel.Netlink;

public class AddressMessageTests
{
    /// <summary>
    /// strace -e write=3 of <c>ip addr add 10.199.1.10/24 brd 10.199.1.255 scope link label ve0:vip dev ve0</c>
    /// (ifindex 3, iproute2 6.1, sequence 0x6b0246e6).
    /// </summary>
    private const string IpAddrAddStrace =
        "3c000000 14000506 e646026b 00000000" +
        "021800fd 03000000 08000200 0ac7010a" +
        "08000400 0ac701ff 0c000300 7665303a" +
        "76697000 08000100 0ac7010a";

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));

    private static byte[] Build(VirtualIpAddress address, int index, bool add, uint sequence = 0x6b0246e6)
    {
        var buffer = new byte[512];
        var writer = new NetlinkWriter(buffer);
        AddressMessage.Write(ref writer, address, index, add, sequence);
        return writer.Written.ToArray();
    }

    [Fact]
    public void Ipv4_add_is_ip_addr_add_without_create_excl_and_without_ifa_address()
    {
        var vip = new VirtualIpAddress
        {
            Address = IPAddress.Parse("10.199.1.10"), PrefixLength = 24, Scope = 253,
            Broadcast = IPAddress.Parse("10.199.1.255"), Label = "ve0:vip",
        };
        // keepalived sends NLM_F_REQUEST|NLM_F_ACK only, and no IFA_ADDRESS when there is no peer
        var expected = Hex(IpAddrAddStrace)[..52];
        expected[0] = 52;
        expected[6] = 0x05;
        expected[7] = 0x00;

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(Build(vip, 3, add: true)));
    }

    [Fact]
    public void Ipv4_delete_carries_local_and_address_only()
    {
        var vip = new VirtualIpAddress
        {
            Address = IPAddress.Parse("10.199.1.10"), PrefixLength = 24, Scope = 253,
            Broadcast = IPAddress.Parse("10.199.1.255"), Label = "ve0:vip",
        };
        var expected = Hex("28000000150005000000000000000000" + "021800fd03000000" + "080002000ac7010a" + "080001000ac7010a");

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(Build(vip, 3, add: false, sequence: 0)));
    }

    [Fact]
    public void Ipv6_slash_128_is_deprecated_and_nodad_by_default()
    {
        var vip = new VirtualIpAddress { Address = IPAddress.Parse("fd00:199::10"), PrefixLength = 128 };
        var bytes = Build(vip, 7, add: true);
        var reader = new NetlinkMessageReader(bytes);
        Assert.True(reader.TryRead(out var message));
        Assert.Equal(new IfAddrMsg(10, 128, 0, 0, 7), IfAddrMsg.Read(message.Payload));

        var attributes = message.Attributes(IfAddrMsg.Size);
        Assert.True(attributes.TryRead(out var cacheInfo));
        Assert.Equal((ushort)AddressAttribute.CacheInfo, cacheInfo.Type);
        Assert.Equal("00000000FFFFFFFF0000000000000000", Convert.ToHexString(cacheInfo.Value));
        Assert.True(attributes.TryRead(out var local));
        Assert.Equal((ushort)AddressAttribute.Local, local.Type);
        Assert.Equal(IPAddress.Parse("fd00:199::10"), local.Address());
        Assert.True(attributes.TryRead(out var flags));
        Assert.Equal((ushort)AddressAttribute.Flags, flags.Type);
        Assert.Equal((uint)AddressFlags.NoDad, flags.U32);
        Assert.False(attributes.TryRead(out _));
        Assert.False(attributes.Malformed);
    }

    [Fact]
    public void Ipv6_minus_nodad_forever_and_flags()
    {
        var vip = new VirtualIpAddress
        {
            Address = IPAddress.Parse("fd00:199::10"), PrefixLength = 64, NoDad = true, Home = true,
            ManageTempAddr = true, NoPrefixRoute = true, AutoJoin = true, PreferredLifetime = uint.MaxValue,
        };
        var reader = new NetlinkMessageReader(Build(vip, 7, add: true));
        Assert.True(reader.TryRead(out var message));
        var attributes = message.Attributes(IfAddrMsg.Size);
        Assert.True(attributes.TryRead(out var local));
        Assert.Equal((ushort)AddressAttribute.Local, local.Type);
        Assert.True(attributes.TryRead(out var flags));
        Assert.Equal((uint)(AddressFlags.HomeAddress | AddressFlags.ManageTempAddr | AddressFlags.NoPrefixRoute | AddressFlags.McAutoJoin), flags.U32);
        Assert.False(attributes.TryRead(out _));
    }

    [Fact]
    public void Peer_is_sent_as_ifa_address()
    {
        var vip = new VirtualIpAddress
        {
            Address = IPAddress.Parse("10.199.1.10"), PrefixLength = 32, Peer = IPAddress.Parse("10.199.1.20"),
        };
        var reader = new NetlinkMessageReader(Build(vip, 3, add: true));
        Assert.True(reader.TryRead(out var message));
        var attributes = message.Attributes(IfAddrMsg.Size);
        Assert.True(attributes.TryRead(out var local));
        Assert.Equal(IPAddress.Parse("10.199.1.10"), local.Address());
        Assert.True(attributes.TryRead(out var peer));
        Assert.Equal((ushort)AddressAttribute.Address, peer.Type);
        Assert.Equal(IPAddress.Parse("10.199.1.20"), peer.Address());
    }
}
