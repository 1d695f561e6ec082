using System.Net;
using System.Net.Sockets;
using System.Text;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// layer4.c socket_bind_connect's preparation of a check socket: fwmark (SO_MARK), bind_if
/// (SO_BINDTODEVICE), then bindto/bind_port. keepalived also sets SO_LINGER 5 s, which makes
/// close() wait up to 5 s for the FIN's acknowledgement even on a non-blocking socket; here a
/// close runs on a thread-pool thread, and thousands of checks of a dead peer would hold that
/// many threads, so the socket closes in the background as a default socket does. An error there is keepalived's
/// connect_error: the check is not run and the real server's state does not change (except
/// for UDP_CHECK, see <see cref="TryOpen"/>).
/// </summary>
internal static class ProbeSocket
{
    /// <summary>
    /// Creates and prepares the socket on the calling thread (its network namespace is the
    /// socket's). False with a NotRun result when socket(), setsockopt() or bind() fails.
    /// <paramref name="udpCheck"/>: UDP_CHECK's udp_bind_connect, which sets no bind_if and
    /// whose setsockopt/bind errors fail the check (only a socket() error reschedules).
    /// </summary>
    public static bool TryOpen(ProbeTarget target, SocketType type, ProtocolType protocol, out Socket socket, out ProbeResult error, bool udpCheck = false)
    {
        socket = null!;
        error = default;
        Socket? s = null;
        var step = "socket";
        try
        {
            s = new Socket(target.Family, type, protocol);
            Prepare(s, udpCheck ? target with { BindInterface = null } : target, ref step);
            socket = s;
            return true;
        }
        catch (Exception e) when (e is SocketException or ArgumentException or NotSupportedException or ObjectDisposedException)
        {
            var reason = $"{step} failed: {Describe(e)}";
            error = udpCheck && s is not null ? ProbeResult.Fail(reason) : ProbeResult.NotRun(reason);
            s?.Dispose();
            return false;
        }
    }

    /// <summary>fwmark, bind_if and bind, in keepalived's order.</summary>
    public static void Prepare(Socket s, ProbeTarget target, ref string step)
    {
        if (target.Fwmark != 0)
        {
            step = $"setting fwmark {target.Fwmark}";
            s.SetRawSocketOption(LibcCalls.SOL_SOCKET, LibcCalls.SO_MARK, BitConverter.GetBytes(target.Fwmark));
        }
        if (!string.IsNullOrEmpty(target.BindInterface))
        {
            step = $"binding to device {target.BindInterface}";
            // The kernel takes the name with its terminating NUL (IFNAMSIZ at most).
            var name = new byte[Encoding.UTF8.GetByteCount(target.BindInterface) + 1];
            Encoding.UTF8.GetBytes(target.BindInterface, name);
            s.SetRawSocketOption(LibcCalls.SOL_SOCKET, LibcCalls.SO_BINDTODEVICE, name);
        }
        if (target.BindTo is { } bindTo)
        {
            step = $"bind to [{bindTo.Address}]:{bindTo.Port}";
            s.Bind(bindTo);
        }
    }

    /// <summary>An error for a log line: the errno text without the .NET decoration.</summary>
    public static string Describe(Exception e) => e switch
    {
        SocketException se => $"{se.Message} ({se.SocketErrorCode})",
        AggregateException { InnerException: { } inner } => Describe(inner),
        IOException { InnerException: SocketException se } => Describe(se),
        _ => e.Message,
    };

    /// <summary>
    /// Connects within one step of the deadline. Null on success, else what keepalived's
    /// socket_bind_connect / socket_state make of it: refused, unreachable, reset or timed out
    /// is connect_fail (a Failure); any other connect() error is connect_error, which
    /// reschedules the check without a verdict (NotRun), unless <paramref name="everyErrorFails"/>
    /// (UDP_CHECK, whose udp_bind_connect errors all fail).
    /// </summary>
    public static async ValueTask<ProbeResult?> ConnectAsync(Socket s, ProbeTarget target, ProbeDeadline deadline, bool everyErrorFails = false)
    {
        try
        {
            await s.ConnectAsync(target.Destination, deadline.Step()).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            return deadline.Expired("connect");
        }
        catch (SocketException e)
        {
            var reason = $"connect: {Describe(e)}";
            return everyErrorFails || IsConnectFail(e.SocketErrorCode) ? ProbeResult.Fail(reason) : ProbeResult.NotRun(reason);
        }
    }

    /// <summary>layer4.c: the errnos of connect() that are a failure to connect rather than to run the check.</summary>
    public static bool IsConnectFail(SocketError error) => error is SocketError.NetworkUnreachable or SocketError.HostUnreachable
        or SocketError.ConnectionRefused or SocketError.HostDown or SocketError.NetworkDown or SocketError.ConnectionReset
        or SocketError.ConnectionAborted or SocketError.TimedOut;

    /// <summary>The endpoint to bind for bindto/bind_port: bind_port alone binds the wildcard address.</summary>
    public static IPEndPoint? BindEndPoint(IPAddress? address, ushort port, AddressFamily family) =>
        address is null && port == 0 ? null
        : new IPEndPoint(address ?? (family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any), port);
}
