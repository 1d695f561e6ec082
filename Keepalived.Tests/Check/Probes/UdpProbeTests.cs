using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config.Check;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Check.Probes;

/// <summary>UDP_CHECK against an echo, a silent port and a closed port inside a test namespace.</summary>
public sealed class UdpProbeTests
{
    private const int Port = 7007;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    private static UdpProbe Probe(Action<UdpChecker>? configure = null, double connectTimeout = 1)
    {
        var checker = new UdpChecker(default);
        configure?.Invoke(checker);
        return new UdpProbe(ProbeLab.Target(ProbeLab.Server, Port, connectTimeout), checker, ProbeLimits.Default);
    }

    private static void Require(UdpChecker c, string hex)
    {
        c.RequireReply = true;
        (c.ReplyData, c.ReplyMask) = HexString.Read(hex, allowWildcards: true);
    }

    [RootFact]
    public async Task An_echo_is_up_and_receives_the_default_payload()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, d => [d]);
        var (result, _) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.True(server.Received.TryDequeue(out byte[]? payload));
        Assert.Equal(UdpReply.DefaultPayload, payload);
    }

    [RootFact]
    public async Task Silence_until_connect_timeout_is_up_without_require_reply()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, _ => []);
        var (result, elapsed) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + Slack);
    }

    [RootFact]
    public async Task Silence_is_down_with_require_reply()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, _ => []);
        var (result, elapsed) = await lab.Probe(Probe(c => c.RequireReply = true));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("timeout", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(1) + Slack, $"{elapsed}");
    }

    [RootFact]
    public async Task ICMP_port_unreachable_is_down_at_once()
    {
        using var lab = ProbeLab.Create();
        var (result, elapsed) = await lab.Probe(Probe(connectTimeout: 5));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("ConnectionRefused", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{elapsed}");
    }

    [RootTheory]
    [InlineData("6b 65 65", true)]            // "kee": the echo starts with the payload
    [InlineData("6X 6x 65 70", true)]         // wildcard nibbles
    [InlineData("6b 65 66", false)]
    public async Task Require_reply_matches_the_hex(string hex, bool up)
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, d => [d]);
        var (result, _) = await lab.Probe(Probe(c => Require(c, hex)));
        Expect.Verdict(up ? ProbeVerdict.Success : ProbeVerdict.Failure, result);
    }

    [RootFact]
    public async Task Require_reply_checks_the_length_bounds_only_with_data()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, d => [d]);
        var (tooLong, _) = await lab.Probe(Probe(c => { Require(c, "6b"); c.MaxReplyLength = 31; }));
        Expect.Verdict(ProbeVerdict.Failure, tooLong);
        Assert.Contains("length", tooLong.Reason);
        var (tooShort, _) = await lab.Probe(Probe(c => { Require(c, "6b"); c.MinReplyLength = 33; }));
        Expect.Verdict(ProbeVerdict.Failure, tooShort);
        var (fits, _) = await lab.Probe(Probe(c => { Require(c, "6b"); c.MinReplyLength = 32; c.MaxReplyLength = 32; }));
        Expect.Verdict(ProbeVerdict.Success, fits);
        // require_reply without hex: check_udp.c tests nothing of the reply, lengths included.
        var (noData, _) = await lab.Probe(Probe(c => { c.RequireReply = true; c.MaxReplyLength = 31; }));
        Expect.Verdict(ProbeVerdict.Success, noData);
    }

    [RootFact]
    public async Task A_bind_error_fails_and_bind_if_is_not_applied_as_udp_bind_connect()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, d => [d]);
        var checker = new UdpChecker(default);
        var absent = ProbeLab.Target(ProbeLab.Server, Port, bindTo: new System.Net.IPEndPoint(System.Net.IPAddress.Parse("10.198.55.55"), 0));
        var (bindError, _) = await lab.Probe(new UdpProbe(absent, checker, ProbeLimits.Default));
        Expect.Verdict(ProbeVerdict.Failure, bindError);
        Assert.Contains("bind", bindError.Reason);
        var (noDevice, _) = await lab.Probe(new UdpProbe(ProbeLab.Target(ProbeLab.Server, Port, bindInterface: "nosuchif0"), checker, ProbeLimits.Default));
        Expect.Verdict(ProbeVerdict.Success, noDevice);
    }

    [RootFact]
    public async Task The_configured_payload_is_sent()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Udp(Port, d => [d]);
        var (result, _) = await lab.Probe(Probe(c => c.Payload = [0xde, 0xad]));
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.True(server.Received.TryDequeue(out byte[]? payload));
        Assert.Equal([0xde, 0xad], payload);
    }
}
