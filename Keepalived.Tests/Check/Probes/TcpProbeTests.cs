using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Check.Probes;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Check.Probes;

/// <summary>TCP_CHECK and the connection options against real peers inside a test namespace.</summary>
public sealed class TcpProbeTests
{
    private static readonly ProbeLimits Limits = ProbeLimits.Default;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    private static Task Hold(Socket socket, CancellationToken stop) => Task.Delay(Timeout.Infinite, stop);

    [RootFact]
    public async Task Up_when_the_port_accepts()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(8080, Hold);
        var (result, elapsed) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Server, 8080), Limits));
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.Equal(ProbeLab.Server, (await server.FirstPeer.Task.WaitAsync(ProbeLab.Hang)).Address);
        Assert.True(elapsed < TimeSpan.FromSeconds(1) + Slack, $"{elapsed}");
    }

    [RootFact]
    public async Task Down_at_once_when_refused()
    {
        using var lab = ProbeLab.Create();
        var (result, elapsed) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Server, 8081, connectTimeoutSeconds: 5), Limits));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("ConnectionRefused", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"refused should not wait for the timeout: {elapsed}");
    }

    [RootFact]
    public async Task Down_at_connect_timeout_when_nothing_answers()
    {
        using var lab = ProbeLab.Create();
        var (result, elapsed) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Blackhole, 80, connectTimeoutSeconds: 1), Limits));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("connect: timeout after 1 s", result.Reason);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + Slack);
    }

    [RootFact]
    public async Task Down_when_there_is_no_route()
    {
        using var lab = ProbeLab.Create();
        var (result, _) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.NoRoute, 80), Limits));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("NetworkUnreachable", result.Reason);
    }

    [RootFact]
    public async Task Bindto_sets_the_source_address()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(8080, Hold);
        var target = ProbeLab.Target(ProbeLab.Server, 8080, bindTo: new IPEndPoint(ProbeLab.Client, 0));
        var (result, _) = await lab.Probe(new TcpProbe(target, Limits));
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.Equal(ProbeLab.Client, (await server.FirstPeer.Task.WaitAsync(ProbeLab.Hang)).Address);
    }

    [RootFact]
    public async Task Bind_port_sets_the_source_port()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(8080, Hold);
        var target = ProbeLab.Target(ProbeLab.Server, 8080, bindTo: new IPEndPoint(IPAddress.Any, 40123));
        var (result, _) = await lab.Probe(new TcpProbe(target, Limits));
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.Equal(40123, (await server.FirstPeer.Task.WaitAsync(ProbeLab.Hang)).Port);
    }

    [RootFact]
    public async Task A_bind_error_is_not_run()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(8080, Hold);
        var absent = ProbeLab.Target(ProbeLab.Server, 8080, bindTo: new IPEndPoint(IPAddress.Parse("10.198.55.55"), 0));
        var (result, _) = await lab.Probe(new TcpProbe(absent, Limits));
        Expect.Verdict(ProbeVerdict.NotRun, result);
        Assert.Contains("bind", result.Reason);
        Assert.True(server.Peers.IsEmpty);
    }

    [RootFact]
    public async Task Bind_if_binds_to_the_device_or_is_not_run()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(8080, Hold);
        var (onLo, _) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Server, 8080, bindInterface: "lo"), Limits));
        Expect.Verdict(ProbeVerdict.Success, onLo);
        var (absent, _) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Server, 8080, bindInterface: "nosuchif0"), Limits));
        Expect.Verdict(ProbeVerdict.NotRun, absent);
        Assert.Contains("nosuchif0", absent.Reason);
    }

    [RootFact]
    public async Task Fwmark_marks_the_check_socket()
    {
        using var lab = ProbeLab.Create();
        // Policy routing by mark: 5 has no route (connect_fail), 6 is prohibited (EACCES, connect_error).
        lab.Ns.Ip("rule", "add", "fwmark", "5", "unreachable", "pref", "10");
        lab.Ns.Ip("rule", "add", "fwmark", "6", "prohibit", "pref", "11");
        var (unreachable, elapsed) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Blackhole, 80, connectTimeoutSeconds: 3, fwmark: 5), Limits));
        Expect.Verdict(ProbeVerdict.Failure, unreachable);
        Assert.Contains("NetworkUnreachable", unreachable.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"{elapsed}");
        var (prohibited, _) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Blackhole, 80, connectTimeoutSeconds: 3, fwmark: 6), Limits));
        Expect.Verdict(ProbeVerdict.NotRun, prohibited);
        // Without a mark the same destination is the blackhole: a timeout.
        var (unmarked, _) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Blackhole, 80, connectTimeoutSeconds: 1), Limits));
        Assert.Contains("timeout", unmarked.Reason);
    }

    [RootFact]
    public async Task Cancellation_ends_the_run_promptly_as_not_run()
    {
        using var lab = ProbeLab.Create();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var (result, elapsed) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Blackhole, 80, connectTimeoutSeconds: 30), Limits), cancellationToken: cancel.Token);
        Expect.Verdict(ProbeVerdict.NotRun, result);
        Assert.Equal("cancelled", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(0.3) + Slack, $"{elapsed}");
    }

    [RootFact]
    public async Task A_cancelled_token_does_not_start_the_run()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(8080, Hold);
        var (result, _) = await lab.Probe(new TcpProbe(ProbeLab.Target(ProbeLab.Server, 8080), Limits), cancellationToken: new CancellationToken(true));
        Expect.Verdict(ProbeVerdict.NotRun, result);
        Assert.True(server.Peers.IsEmpty);
    }
}
