using System.Net;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Protocol;

namespace Keepalived.Tests.Protocol.StateMachine;

public class VrrpAddressOrderTests
{
    [Theory]
    [InlineData("10.199.0.2", "10.199.0.1", 1)]
    [InlineData("10.199.0.1", "10.199.0.2", -1)]
    [InlineData("10.199.0.1", "10.199.0.1", 0)]
    [InlineData("192.168.0.1", "10.255.255.255", 1)]        // unsigned: 192 > 10
    [InlineData("128.0.0.0", "127.255.255.255", 1)]          // no sign trouble at the top bit
    [InlineData("10.199.1.0", "10.199.0.255", 1)]
    [InlineData("fd00:199::2", "fd00:199::1", 1)]
    [InlineData("fe80::1", "fd00:199::ffff", 1)]
    [InlineData("fd00:199::1:0", "fd00:199::ffff", 1)]
    [InlineData("10.199.0.1", "fd00:199::1", 0)]            // families differ: not comparable
    public void Addresses_compare_as_unsigned_big_endian_numbers(string left, string right, int expected) =>
        Assert.Equal(expected, VrrpAddressOrder.Compare(IPAddress.Parse(left), IPAddress.Parse(right)));

    [Fact]
    public void The_order_is_that_of_the_addresses_as_unsigned_integers()
    {
        Prop.ForAll<byte[], byte[]>((a, b) =>
        {
            var l = new byte[16];
            var r = new byte[16];
            a.AsSpan(0, Math.Min(16, a.Length)).CopyTo(l);
            b.AsSpan(0, Math.Min(16, b.Length)).CopyTo(r);
            var expected = new BigInteger(l, isUnsigned: true, isBigEndian: true)
                .CompareTo(new BigInteger(r, isUnsigned: true, isBigEndian: true));
            return VrrpAddressOrder.Compare(l, r) == Math.Sign(expected)
                && VrrpAddressOrder.Compare(r, l) == -Math.Sign(expected);
        }).QuickCheckThrowOnFailure();
    }
}
