using System.Net;
using System.Net.Sockets;
using System.Text;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// layer4.c socket_bind_connect's preparation of a check socket: SO_LINGER 5 s, fwmark
/// (SO_MARK), bind_if (SO_BINDTODEVICE), then bindto/bind_port. Any error there is keepalived's
/// connect_error: the check is not run and the real server's state does not change.
/// </summary>
internal static class ProbeSocket
{
    /// <summary>keepalived sets l_linger = 5 on every check socket.</summary>
    private const int LingerSeconds = 5;

    /// <summary>
    /// Creates and prepares the socket on the calling thread (its network namespace is the
    /// socket's). False with a NotRun result when socket(), setsockopt() or bind() fails.
    /// </summary>
    public static bool TryOpen(ProbeTarget target, SocketType type, ProtocolType protocol, out Socket socket, out ProbeResult error)
    {
        socket = null!;
        error = default;
        Socket? s = null;
        var step = "socket";
        try
        {
            s = new Socket(target.Family, type, protocol);
            if (type == SocketType.Stream)
            {
                step = "SO_LINGER";
                s.LingerState = new LingerOption(true, LingerSeconds);
            }
            Prepare(s, target, ref step);
            socket = s;
            return true;
        }
        catch (Exception e) when (e is SocketException or ArgumentException or NotSupportedException or ObjectDisposedException)
        {
            s?.Dispose();
            error = ProbeResult.NotRun($"{step} failed: {Describe(e)}");
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
    /// Connects within one step of the deadline. Null on success, else the Failure
    /// (refused, unreachable, timeout) keepalived's tcp_socket_state reports.
    /// </summary>
    public static async ValueTask<ProbeResult?> ConnectAsync(Socket s, ProbeTarget target, ProbeDeadline deadline)
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
            return ProbeResult.Fail($"connect: {Describe(e)}");
        }
    }

    /// <summary>The endpoint to bind for bindto/bind_port: bind_port alone binds the wildcard address.</summary>
    public static IPEndPoint? BindEndPoint(IPAddress? address, ushort port, AddressFamily family) =>
        address is null && port == 0 ? null
        : new IPEndPoint(address ?? (family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any), port);
}
