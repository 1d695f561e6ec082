using System.Net.Sockets;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// DNS_CHECK (check_dns.c): a connected UDP socket, one query, then replies are read until one
/// is ours (same id, QR set, see <see cref="DnsReply"/>) or connect_timeout runs out; its RCODE decides.
/// An ICMP error for the socket (port unreachable) is a failure.
/// </summary>
public sealed class DnsProbe(ProbeTarget target, string type, string? name, ProbeLimits limits) : IProbe
{
    /// <summary>check_dns.c DNS_BUFFER_SIZE: only the header is read, the rest may be cut.</summary>
    private const int ReplyBufferSize = 768;

    public ProbeTarget Target { get; } = target;
    public string Type { get; } = type;
    public string? Name { get; } = name;

    public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromResult(ProbeResult.NotRun("cancelled"));
        var id = (ushort)Random.Shared.Next(0, 0x10000);
        if (DnsQuery.Build(id, Type, Name) is not { } query)
            return Task.FromResult(ProbeResult.NotRun($"cannot build a {Type} query for \"{Name}\""));
        if (!ProbeSocket.TryOpen(Target, SocketType.Dgram, ProtocolType.Udp, out var socket, out var error))
            return Task.FromResult(error);
        return CheckAsync(socket, id, query, cancellationToken);
    }

    private async Task<ProbeResult> CheckAsync(Socket socket, ushort id, byte[] query, CancellationToken cancellationToken)
    {
        using var deadline = new ProbeDeadline(Target.ConnectTimeout, limits.TotalFor(Target.ConnectTimeout), cancellationToken);
        var what = "connect";
        using (socket)
        {
            try
            {
                if (await ProbeSocket.ConnectAsync(socket, Target, deadline).ConfigureAwait(false) is { } unreachable)
                    return unreachable;
                // One connect_timeout for sending and the whole wait, ignored datagrams included
                // (dns_connect_thread sets the deadline once, before dns_send).
                var wait = deadline.Step();
                what = "sending query";
                await socket.SendAsync(query, SocketFlags.None, wait).ConfigureAwait(false);
                what = "waiting for the reply";
                var reply = new byte[ReplyBufferSize];
                while (true)
                {
                    var n = await socket.ReceiveAsync(reply, SocketFlags.None, wait).ConfigureAwait(false);
                    var (kind, rcode) = DnsReply.Check(reply.AsSpan(0, n), id);
                    if (kind == DnsReply.Kind.Success) return ProbeResult.Ok;
                    if (kind == DnsReply.Kind.Failure) return ProbeResult.Fail($"DNS reply rcode = {DnsReply.RcodeName(rcode)}");
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
