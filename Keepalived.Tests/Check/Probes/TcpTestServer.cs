using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Keepalived.Tests.Check.Probes;

/// <summary>
/// A TCP listener for probe tests: each accepted connection runs the handler, and the socket
/// is closed when the handler returns. The listening socket is created by the constructor, so
/// it belongs to the network namespace of the calling thread.
/// </summary>
internal sealed class TcpTestServer : IDisposable
{
    private readonly Socket _listener;
    private readonly Func<Socket, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Socket> _connections = [];

    public TcpTestServer(IPEndPoint at, Func<Socket, CancellationToken, Task> handler)
    {
        _handler = handler;
        _listener = new Socket(at.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(at);
        _listener.Listen(16);
        _ = AcceptLoop();
    }

    /// <summary>The peers of the connections accepted so far.</summary>
    public ConcurrentQueue<IPEndPoint> Peers { get; } = new();

    /// <summary>Completed with the first connection's peer.</summary>
    public TaskCompletionSource<IPEndPoint> FirstPeer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _connections.Add(connection);
            var peer = (IPEndPoint)connection.RemoteEndPoint!;
            Peers.Enqueue(peer);
            FirstPeer.TrySetResult(peer);
            _ = Serve(connection);
        }
    }

    private async Task Serve(Socket connection)
    {
        try
        {
            await _handler(connection, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // the probe went away first: expected in the failure cases
        }
        finally
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        foreach (Socket s in _connections) s.Dispose();
        _stop.Dispose();
    }
}
