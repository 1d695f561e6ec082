using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Keepalived.Tests.Check.Probes;

/// <summary>
/// A UDP responder for probe tests: every datagram is recorded and answered with what the
/// responder returns (nothing, one or several datagrams). Its socket is created by the
/// constructor, in the calling thread's network namespace.
/// </summary>
internal sealed class UdpTestServer : IDisposable
{
    private readonly Socket _socket;
    private readonly Func<byte[], IEnumerable<byte[]>> _responder;
    private readonly CancellationTokenSource _stop = new();

    public UdpTestServer(IPEndPoint at, Func<byte[], IEnumerable<byte[]>> responder)
    {
        _responder = responder;
        _socket = new Socket(at.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(at);
        _ = Loop();
    }

    public ConcurrentQueue<byte[]> Received { get; } = new();

    private async Task Loop()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                SocketReceiveFromResult r = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                byte[] datagram = buffer.AsSpan(0, r.ReceivedBytes).ToArray();
                Received.Enqueue(datagram);
                foreach (byte[] reply in _responder(datagram))
                    await _socket.SendToAsync(reply, SocketFlags.None, r.RemoteEndPoint, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                if (_stop.IsCancellationRequested) return;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }
}
