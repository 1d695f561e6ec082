using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using Keepalived.Actors.Check.Probes;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Check.Probes;

/// <summary>
/// A network namespace for probe tests: lo up with <see cref="Server"/> and <see cref="Client"/>,
/// a veth pair whose far side answers nobody (<see cref="Blackhole"/>: packets leave and vanish,
/// so connects and pings time out), and no route to <see cref="NoRoute"/>. Servers and probes
/// create their sockets inside it.
/// </summary>
internal sealed class ProbeLab : IDisposable
{
    public static readonly IPAddress Server = IPAddress.Parse("10.198.0.1");
    public static readonly IPAddress Client = IPAddress.Parse("10.198.0.2");
    public static readonly IPAddress Blackhole = IPAddress.Parse("10.198.7.9");
    public static readonly IPAddress NoRoute = IPAddress.Parse("10.197.0.1");

    /// <summary>How long any probe may take before the test gives up on it (a hang).</summary>
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private ProbeLab(NetNs ns) => Ns = ns;

    public NetNs Ns { get; }

    public static ProbeLab Create()
    {
        var ns = NetNs.Create("kp");
        try
        {
            ns.Ip("addr", "add", $"{Server}/32", "dev", "lo");
            ns.Ip("addr", "add", $"{Client}/32", "dev", "lo");
            ns.Ip("link", "add", "bh0", "type", "veth", "peer", "name", "bh1");
            ns.Ip("link", "set", "bh0", "up");
            ns.Ip("link", "set", "bh1", "up");
            ns.Ip("addr", "add", "10.198.7.1/24", "dev", "bh0");
            // A permanent neighbour: no ARP, the frames reach bh1 for another MAC and are dropped.
            ns.Ip("neigh", "add", Blackhole.ToString(), "lladdr", "02:00:00:00:00:09", "dev", "bh0", "nud", "permanent");
            return new ProbeLab(ns);
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    public static ProbeTarget Target(IPAddress address, int port, double connectTimeoutSeconds = 1, IPEndPoint? bindTo = null, string? bindInterface = null, uint fwmark = 0) =>
        new(new IPEndPoint(address, port), TimeSpan.FromSeconds(connectTimeoutSeconds), bindTo, bindInterface, fwmark);

    /// <summary>Starts the probe on a thread inside the namespace and waits for its result.</summary>
    public async Task<(ProbeResult Result, TimeSpan Elapsed)> Probe(IProbe probe, int step = 0, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        Task<ProbeResult> run = Ns.Run(() => probe.RunAsync(step, cancellationToken));
        ProbeResult result = await run.WaitAsync(Hang);
        return (result, clock.Elapsed);
    }

    public TcpTestServer Tcp(int port, Func<Socket, CancellationToken, Task> handler, IPAddress? address = null) =>
        Ns.Run(() => new TcpTestServer(new IPEndPoint(address ?? Server, port), handler));

    public UdpTestServer Udp(int port, Func<byte[], IEnumerable<byte[]>> responder, IPAddress? address = null) =>
        Ns.Run(() => new UdpTestServer(new IPEndPoint(address ?? Server, port), responder));

    public void Dispose() => Ns.Dispose();
}

/// <summary>Assertions on probe results that show the reason when they fail.</summary>
internal static class Expect
{
    public static void Verdict(ProbeVerdict expected, ProbeResult actual) =>
        Assert.True(actual.Verdict == expected, $"expected {expected}, got {actual}");
}
