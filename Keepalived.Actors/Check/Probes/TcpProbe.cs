using System.Net.Sockets;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// TCP_CHECK (check_tcp.c): a completed connect is success, and the socket is closed at once
/// without sending anything; refused or unreachable fail at once, no answer fails at
/// connect_timeout.
/// </summary>
public sealed class TcpProbe(ProbeTarget target, ProbeLimits limits) : IProbe
{
    public ProbeTarget Target { get; } = target;

    public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromResult(ProbeResult.NotRun("cancelled"));
        // Synchronous: the socket belongs to the caller's network namespace.
        if (!ProbeSocket.TryOpen(Target, SocketType.Stream, ProtocolType.Tcp, out var socket, out var error))
            return Task.FromResult(error);
        return CheckAsync(socket, cancellationToken);
    }

    private async Task<ProbeResult> CheckAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var deadline = new ProbeDeadline(Target.ConnectTimeout, limits.TotalFor(Target.ConnectTimeout), cancellationToken);
        using (socket)
        {
            try
            {
                return await ProbeSocket.ConnectAsync(socket, Target, deadline).ConfigureAwait(false) ?? ProbeResult.Ok;
            }
            catch (Exception e)
            {
                return deadline.CallerCancelled ? ProbeResult.NotRun("cancelled") : ProbeResult.Fail($"TCP check: {ProbeSocket.Describe(e)}");
            }
        }
    }
}
