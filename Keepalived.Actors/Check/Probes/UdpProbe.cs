using System.Net.Sockets;
using Keepalived.Actors.Config.Check;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// UDP_CHECK (check_udp.c, layer4.c udp_bind_connect): a connected UDP socket sends the
/// payload. Without require_reply, silence until connect_timeout is success and so is any
/// datagram; an ICMP error is a failure. With require_reply a datagram must arrive within
/// connect_timeout and, when require_reply gives hex data, pass <see cref="UdpReply.Mismatch"/>. As udp_bind_connect, bind_if is
/// not applied and a fwmark, bind, connect or send error fails the check.
/// </summary>
/// <remarks>
/// keepalived reads ICMP errors from the IP_RECVERR error queue. A connected UDP socket gets
/// hard ICMP errors (port, host, net unreachable) as a pending socket error without it
/// (udp_err), which the next receive reports as ECONNREFUSED / EHOSTUNREACH / ENETUNREACH.
/// </remarks>
public sealed class UdpProbe(ProbeTarget target, UdpChecker checker, ProbeLimits limits) : IProbe
{
    private readonly byte[] _payload = checker.Payload ?? UdpReply.DefaultPayload;

    public ProbeTarget Target { get; } = target;
    public bool RequireReply { get; } = checker.RequireReply;

    public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromResult(ProbeResult.NotRun("cancelled"));
        if (!ProbeSocket.TryOpen(Target, SocketType.Dgram, ProtocolType.Udp, out var socket, out var error, udpCheck: true))
            return Task.FromResult(error);
        return CheckAsync(socket, cancellationToken);
    }

    private async Task<ProbeResult> CheckAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var deadline = new ProbeDeadline(Target.ConnectTimeout, limits.TotalFor(Target.ConnectTimeout), cancellationToken);
        var what = "connect";
        using (socket)
        {
            try
            {
                if (await ProbeSocket.ConnectAsync(socket, Target, deadline, everyErrorFails: true).ConfigureAwait(false) is { } unreachable)
                    return unreachable;
                what = "sending";
                await socket.SendAsync(_payload, SocketFlags.None, deadline.Step()).ConfigureAwait(false);
                what = "waiting for a reply";
                // One byte more than max_reply_length shows a reply that is too long (it is cut there).
                var reply = new byte[Math.Clamp((long)checker.MaxReplyLength + 1, 1, 65536)];
                var n = await socket.ReceiveAsync(reply, SocketFlags.None, deadline.Step()).ConfigureAwait(false);
                // check_udp.c tests the reply (lengths included) only when require_reply has data.
                if (!RequireReply || checker.ReplyData is null) return ProbeResult.Ok;
                return UdpReply.Mismatch(reply.AsSpan(0, n), checker.MinReplyLength, checker.MaxReplyLength, checker.ReplyData, checker.ReplyMask) is { } bad
                    ? ProbeResult.Fail($"UDP reply: {bad}")
                    : ProbeResult.Ok;
            }
            catch (OperationCanceledException)
            {
                // Silence for connect_timeout is what UDP_CHECK without require_reply wants.
                if (what == "waiting for a reply" && !RequireReply && !deadline.TotalExpired) return ProbeResult.Ok;
                return deadline.Expired(what);
            }
            catch (Exception e)
            {
                return deadline.CallerCancelled ? ProbeResult.NotRun("cancelled") : ProbeResult.Fail($"{what}: {ProbeSocket.Describe(e)}");
            }
        }
    }
}
