using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Keepalived.Tests.Check.Probes;

/// <summary>Connection handlers for <see cref="TcpTestServer"/> that play HTTP servers, good and bad.</summary>
internal static class HttpTestServer
{
    /// <summary>Reads one request up to its blank line (at most 16 KiB) from a stream.</summary>
    public static async Task<byte[]> ReadRequest(Stream stream, CancellationToken stop)
    {
        var request = new MemoryStream();
        var buffer = new byte[1024];
        while (request.Length < 16384 && !request.ToArray().AsSpan().EndsWith("\r\n\r\n"u8))
        {
            int n = await stream.ReadAsync(buffer, stop);
            if (n == 0) break;
            request.Write(buffer, 0, n);
        }
        return request.ToArray();
    }

    public static byte[] Answer(string head, byte[] body) => [.. Encoding.ASCII.GetBytes(head), .. body];

    public static byte[] Answer(string head, string body = "") => Answer(head, Encoding.ASCII.GetBytes(body));

    /// <summary>Records the request, writes <paramref name="answer"/>, then closes (or holds the connection open).</summary>
    public static Func<Socket, CancellationToken, Task> Respond(byte[] answer, ConcurrentQueue<byte[]>? requests = null, bool keepOpen = false) =>
        async (socket, stop) =>
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            requests?.Enqueue(await ReadRequest(stream, stop));
            await stream.WriteAsync(answer, stop);
            if (keepOpen) await Task.Delay(Timeout.Infinite, stop);
            await CloseAfterPeer(socket, stop);
        };

    /// <summary>Sends FIN, then waits for the peer to close before the socket is released.</summary>
    public static async Task CloseAfterPeer(Socket socket, CancellationToken stop)
    {
        socket.Shutdown(SocketShutdown.Send);
        var sink = new byte[4096];
        while (await socket.ReceiveAsync(sink, SocketFlags.None, stop) > 0)
        {
        }
    }

    /// <summary>Sends <paramref name="answer"/> one byte at a time, <paramref name="gap"/> apart.</summary>
    public static Func<Socket, CancellationToken, Task> Trickle(byte[] answer, TimeSpan gap) =>
        async (socket, stop) =>
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await ReadRequest(stream, stop);
            foreach (byte b in answer)
            {
                await stream.WriteAsync(new[] { b }, stop);
                await Task.Delay(gap, stop);
            }
        };

    /// <summary>A valid head followed by <paramref name="bodyBytes"/> bytes of body.</summary>
    public static Func<Socket, CancellationToken, Task> Flood(long bodyBytes) =>
        async (socket, stop) =>
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await ReadRequest(stream, stop);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.0 200 OK\r\n\r\n"), stop);
            var chunk = new byte[65536];
            Array.Fill(chunk, (byte)'x');
            for (long sent = 0; sent < bodyBytes; sent += chunk.Length)
                await stream.WriteAsync(chunk, stop);
        };

    /// <summary>Accepts and never reads nor writes.</summary>
    public static Task Tarpit(Socket socket, CancellationToken stop) => Task.Delay(Timeout.Infinite, stop);
}
