using Keepalived.Actors.Check.Probes;

namespace Keepalived.Tests.Check.Probes;

/// <summary>DNS_CHECK's query and its test of replies (check_dns.c).</summary>
public sealed class DnsMessageTests
{
    [Fact]
    public void Default_query_is_SOA_for_the_root_with_RD()
    {
        byte[]? query = DnsQuery.Build(0x1234, "SOA", null);
        Assert.Equal(
            [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, /* root */ 0, /* SOA */ 0, 6, /* IN */ 0, 1],
            query);
    }

    [Fact]
    public void Names_become_labels()
    {
        byte[]? query = DnsQuery.Build(1, "AAAA", "www.example.org.");
        Assert.NotNull(query);
        Assert.Equal("\u0003www\u0007example\u0003org\0"u8.ToArray(), query.AsSpan(12, 17).ToArray());
        Assert.Equal(new byte[] { 0, 28, 0, 1 }, query.AsSpan(29).ToArray());
        Assert.Null(DnsQuery.Build(1, "A", "a..b"));
        Assert.Null(DnsQuery.Build(1, "A", new string('x', 64)));
        Assert.Null(DnsQuery.Build(1, "SRV", null));
    }

    [Theory]
    [InlineData("A", 1)]
    [InlineData("NS", 2)]
    [InlineData("CNAME", 5)]
    [InlineData("SOA", 6)]
    [InlineData("MX", 15)]
    [InlineData("TXT", 16)]
    [InlineData("AAAA", 28)]
    [InlineData("RRSIG", 46)]
    [InlineData("DNSKEY", 48)]
    public void Type_codes(string type, int code) => Assert.Equal(code, DnsQuery.TypeCode(type));

    private static byte[] Reply(ushort id, ushort flags, int answers = 0)
    {
        byte[] reply = new byte[12 + 5];
        reply[0] = (byte)(id >> 8);
        reply[1] = (byte)id;
        reply[2] = (byte)(flags >> 8);
        reply[3] = (byte)flags;
        reply[5] = 1;
        reply[7] = (byte)answers;
        return reply;
    }

    [Fact]
    public void Replies_are_judged_by_id_QR_and_RCODE_only()
    {
        Assert.Equal((DnsReply.Kind.Success, 0), DnsReply.Check(Reply(7, 0x8180, answers: 1), 7));
        // NODATA: NOERROR without answers still passes (keepalived does not read the answers).
        Assert.Equal((DnsReply.Kind.Success, 0), DnsReply.Check(Reply(7, 0x8180), 7));
        Assert.Equal((DnsReply.Kind.Failure, 3), DnsReply.Check(Reply(7, 0x8183), 7));   // NXDOMAIN
        Assert.Equal((DnsReply.Kind.Failure, 2), DnsReply.Check(Reply(7, 0x8182), 7));   // SERVFAIL
        Assert.Equal(DnsReply.Kind.Ignore, DnsReply.Check(Reply(8, 0x8180), 7).Kind);     // another id
        Assert.Equal(DnsReply.Kind.Ignore, DnsReply.Check(Reply(7, 0x0100), 7).Kind);     // QR = 0: a query
        Assert.Equal(DnsReply.Kind.Ignore, DnsReply.Check(Reply(7, 0x8180).AsSpan(0, 7), 7).Kind);   // short
        // keepalived's length test is sizeof a pointer (8), not of the 12-byte header.
        Assert.Equal(DnsReply.Kind.Success, DnsReply.Check(Reply(7, 0x8180).AsSpan(0, 8), 7).Kind);
        Assert.Equal("NXDOMAIN", DnsReply.RcodeName(3));
    }
}
