using System.Buffers.Binary;
using Keepalived.Actors.Check.Probes;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Check.Probes;

/// <summary>DNS_CHECK against a UDP responder inside a test namespace.</summary>
public sealed class DnsProbeTests
{
    private const int Port = 5353;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    private static DnsProbe Probe(string type = "SOA", string? name = null) =>
        new(ProbeLab.Target(ProbeLab.Server, Port), type, name, ProbeLimits.Default);

    /// <summary>The query turned into a reply: QR set, the given RCODE, optionally another id or QR clear.</summary>
    private static byte[] Answer(byte[] query, int rcode, int idDelta = 0, bool qr = true)
    {
        byte[] reply = (byte[])query.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(reply, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(reply) + idDelta));
        ushort flags = (ushort)((qr ? 0x8000 : 0) | 0x0180 | rcode);
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2), flags);
        return reply;
    }

    [RootFact]
    public async Task Up_on_NOERROR_and_the_query_is_keepalived_s()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, q => [Answer(q, 0)]);
        var (result, _) = await lab.Probe(Probe("A", "www.example.test"));
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.True(server.Received.TryDequeue(out byte[]? query));
        Assert.Equal(DnsQuery.Build(BinaryPrimitives.ReadUInt16BigEndian(query), "A", "www.example.test"), query);
    }

    [RootFact]
    public async Task Down_on_NXDOMAIN()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, q => [Answer(q, 3)]);
        var (result, _) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("NXDOMAIN", result.Reason);
    }

    [RootFact]
    public async Task Wrong_id_short_and_query_datagrams_are_skipped()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, q => [Answer(q, 2, idDelta: 1), new byte[5], Answer(q, 2, qr: false), Answer(q, 0)]);
        var (result, _) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Success, result);
    }

    [RootFact]
    public async Task Only_ignored_replies_fail_at_connect_timeout()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, q => [Answer(q, 0, idDelta: 1)]);
        var (result, elapsed) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("timeout", result.Reason);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + Slack);
    }

    [RootFact]
    public async Task A_closed_port_fails_on_the_ICMP_error()
    {
        using var lab = ProbeLab.Create();
        var (result, elapsed) = await lab.Probe(new DnsProbe(ProbeLab.Target(ProbeLab.Server, Port, connectTimeoutSeconds: 5), "SOA", null, ProbeLimits.Default));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("ConnectionRefused", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{elapsed}");
    }
}
