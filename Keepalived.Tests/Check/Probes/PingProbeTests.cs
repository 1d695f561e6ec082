using System.Net;
using Keepalived.Actors.Check.Probes;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Check.Probes;

/// <summary>PING_CHECK inside a test namespace, with the ping socket forbidden (raw fallback) and allowed.</summary>
public sealed class PingProbeTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    private static ProbeLab Lab(bool pingSocketAllowed)
    {
        var lab = ProbeLab.Create();
        // A new namespace has ping_group_range "1 0" (nobody); "0 0" lets root's group use ping sockets.
        if (pingSocketAllowed) lab.Ns.Exec("sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 0");
        return lab;
    }

    private static PingProbe Probe(IPAddress address, double connectTimeout = 1) =>
        new(ProbeLab.Target(address, 0, connectTimeout), ProbeLimits.Default);

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Up_when_the_address_answers(bool pingSocketAllowed)
    {
        using var lab = Lab(pingSocketAllowed);
        var probe = Probe(ProbeLab.Server);
        var (result, _) = await lab.Probe(probe);
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.Equal(!pingSocketAllowed, probe.UsedRawSocket);
        // The sequence moves on: a second run matches its own reply.
        Expect.Verdict(ProbeVerdict.Success, (await lab.Probe(probe)).Result);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Up_over_IPv6(bool pingSocketAllowed)
    {
        using var lab = Lab(pingSocketAllowed);
        var (result, _) = await lab.Probe(Probe(IPAddress.IPv6Loopback));
        Expect.Verdict(ProbeVerdict.Success, result);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Down_at_connect_timeout_when_nothing_answers(bool pingSocketAllowed)
    {
        using var lab = Lab(pingSocketAllowed);
        var (result, elapsed) = await lab.Probe(Probe(ProbeLab.Blackhole));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("waiting for echo reply: timeout after 1 s", result.Reason);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + Slack);
    }

    [RootFact]
    public async Task Down_when_there_is_no_route()
    {
        using var lab = Lab(false);
        var (result, _) = await lab.Probe(Probe(ProbeLab.NoRoute));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("NetworkUnreachable", result.Reason);
    }
}
