using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// PING_CHECK (check_ping.c): one echo request, success when an echo reply comes back within
/// connect_timeout. keepalived uses an ICMP datagram ("ping") socket and widens
/// net.ipv4.ping_group_range to allow it; we try that socket and, when the range forbids it,
/// fall back to a raw socket (root / CAP_NET_RAW), matching identifier and sequence ourselves.
/// bindto, bind_if and fwmark do not apply (keepalived does not bind this socket).
/// </summary>
public sealed class PingProbe(ProbeTarget target, ProbeLimits limits) : IProbe
{
    private const int ReceiveBufferSize = 1500;
    private int _sequence;

    public ProbeTarget Target { get; } = target;

    /// <summary>Whether the last run used a raw socket (the ping socket was not permitted).</summary>
    public bool UsedRawSocket { get; private set; }

    public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromResult(ProbeResult.NotRun("cancelled"));
        if (!TryOpen(out var socket, out var raw, out var error)) return Task.FromResult(error);
        UsedRawSocket = raw;
        return CheckAsync(socket, raw, (ushort)Interlocked.Increment(ref _sequence), cancellationToken);
    }

    private bool TryOpen(out Socket socket, out bool raw, out ProbeResult error)
    {
        var protocol = Target.Family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        error = default;
        raw = false;
        try
        {
            socket = new Socket(Target.Family, SocketType.Dgram, protocol);
            return true;
        }
        catch (SocketException)
        {
            // EACCES when our group is outside ping_group_range: a raw socket instead.
        }
        try
        {
            socket = new Socket(Target.Family, SocketType.Raw, protocol);
            raw = true;
            return true;
        }
        catch (SocketException e)
        {
            socket = null!;
            error = ProbeResult.NotRun($"ICMP socket: {ProbeSocket.Describe(e)}");
            return false;
        }
    }

    private async Task<ProbeResult> CheckAsync(Socket socket, bool raw, ushort sequence, CancellationToken cancellationToken)
    {
        using var deadline = new ProbeDeadline(Target.ConnectTimeout, limits.TotalFor(Target.ConnectTimeout), cancellationToken);
        var v6 = Target.Family == AddressFamily.InterNetworkV6;
        // A raw socket sees every echo on the host: our identifier tells ours apart.
        ushort? identifier = raw ? (ushort)Random.Shared.Next(0, 0x10000) : null;
        var what = "connect";
        using (socket)
        {
            try
            {
                // connect() also makes the kernel drop ICMP from other sources.
                var destination = new IPEndPoint(Target.Destination.Address, 0);
                await socket.ConnectAsync(destination, deadline.Step()).ConfigureAwait(false);
                what = "sending echo request";
                await socket.SendAsync(IcmpEcho.Request(v6, identifier ?? 0, sequence), SocketFlags.None, deadline.Step()).ConfigureAwait(false);
                what = "waiting for echo reply";
                var wait = deadline.Step();
                var buffer = new byte[ReceiveBufferSize];
                while (true)
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, wait).ConfigureAwait(false);
                    if (IcmpEcho.IsReply(buffer.AsSpan(0, n), v6, raw && !v6, identifier, sequence)) return ProbeResult.Ok;
                }
            }
            catch (OperationCanceledException)
            {
                return deadline.Expired(what);
            }
            catch (Exception e)
            {
                return deadline.CallerCancelled ? ProbeResult.NotRun("cancelled") : ProbeResult.Fail($"{what}: {ProbeSocket.Describe(e)}");
            }
        }
    }
}
