using System.Net.Security;
using System.Net.Sockets;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// HTTP_GET and SSL_GET (check_http.c, check_ssl.c): connect, optionally the TLS handshake,
/// send the one request of this run's url, read to EOF (a server that keeps the connection
/// open fails at connect_timeout, even after a complete answer), then judge in keepalived's
/// order at EOF: a header, the status code, the digest, the regex. Each step has connect_timeout; the
/// run has the total cap and reads at most <see cref="ProbeLimits.MaxResponseBytes"/>.
/// </summary>
public sealed class HttpProbe(ProbeTarget target, IReadOnlyList<HttpProbeUrl> urls, TlsSettings? tls, ProbeLimits limits) : IProbe
{
    private const int ReadBufferSize = 4096;

    public ProbeTarget Target { get; } = target;
    public IReadOnlyList<HttpProbeUrl> Urls { get; } = urls;
    /// <summary>Null for HTTP_GET.</summary>
    public TlsSettings? Tls { get; } = tls;

    public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromResult(ProbeResult.NotRun("cancelled"));
        if (Urls.Count == 0) return Task.FromResult(ProbeResult.NotRun("no url to fetch"));
        var url = Urls[(int)((uint)step % (uint)Urls.Count)];
        if (!ProbeSocket.TryOpen(Target, SocketType.Stream, ProtocolType.Tcp, out var socket, out var error))
            return Task.FromResult(error);
        return CheckAsync(socket, url, cancellationToken);
    }

    private async Task<ProbeResult> CheckAsync(Socket socket, HttpProbeUrl url, CancellationToken cancellationToken)
    {
        using var deadline = new ProbeDeadline(Target.ConnectTimeout, limits.TotalFor(Target.ConnectTimeout), cancellationToken);
        var what = "connect";
        Stream? stream = null;
        using (socket)
        {
            try
            {
                if (await ProbeSocket.ConnectAsync(socket, Target, deadline).ConfigureAwait(false) is { } refused)
                    return refused;
                stream = new NetworkStream(socket, ownsSocket: false);
                if (Tls is not null)
                {
                    what = "TLS handshake";
                    var options = Tls.Options(url.ServerName, url.VerifyName ?? Target.Destination.Address.ToString(), out var certificateError);
                    if (certificateError is not null) return ProbeResult.Fail(certificateError);
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    stream = ssl;
                    await ssl.AuthenticateAsClientAsync(options, deadline.Step()).ConfigureAwait(false);
                }
                what = "sending request";
                await stream.WriteAsync(url.Request, deadline.Step()).ConfigureAwait(false);
                what = "reading answer";
                return await ReadAnswerAsync(stream, url, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return deadline.Expired(what);
            }
            catch (Exception e)
            {
                return deadline.CallerCancelled ? ProbeResult.NotRun("cancelled") : ProbeResult.Fail($"{what}: {ProbeSocket.Describe(e)}");
            }
            finally
            {
                if (stream is not null) await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ProbeResult> ReadAnswerAsync(Stream stream, HttpProbeUrl url, ProbeDeadline deadline)
    {
        var head = new byte[HttpResponseHead.MaxHeadLength + 1];
        var headFill = 0;
        HttpBodyCheck? body = null;
        byte[]? buffer = null;
        long total = 0;
        string? badStatus = null;
        CancellationToken? tlsRead = null;
        try
        {
            while (true)
            {
                var into = body is null ? head.AsMemory(headFill) : (buffer ??= new byte[ReadBufferSize]);
                int n;
                // check_http.c gives each read connect_timeout; check_ssl.c carries the remaining
                // time of the first read over to the next, so TLS answers share one.
                var step = tlsRead is { } shared ? shared : deadline.Step();
                if (stream is SslStream) tlsRead ??= step;
                try
                {
                    n = await stream.ReadAsync(into, step).ConfigureAwait(false);
                }
                catch (IOException) when (stream is SslStream && body is not null && !step.IsCancellationRequested)
                {
                    // check_ssl.c: a close without close_notify still hands what was read on.
                    n = 0;
                }
                if (n == 0) break;
                total += n;
                if (total > limits.MaxResponseBytes)
                    return ProbeResult.Fail($"answer longer than {limits.MaxResponseBytes} bytes");
                if (body is not null)
                {
                    body.Append(into.Span[..n]);
                    continue;
                }
                headFill += n;
                switch (HttpResponseHead.TryParse(head.AsSpan(0, headFill), out var parsed))
                {
                    case HttpResponseHead.ParseStatus.Incomplete:
                        continue;
                    case HttpResponseHead.ParseStatus.TooLong:
                        return ProbeResult.Fail($"no end of HTTP header within {HttpResponseHead.MaxHeadLength} bytes");
                }
                // keepalived judges the status at EOF, so a bad status still reads to the end (or
                // times out): the run ends when keepalived's would, and the body is only counted.
                if (!url.StatusCodes.Contains(parsed.StatusCode))
                    badStatus = $"HTTP status code error to {Target} url({url.Path}), status_code [{parsed.StatusCode}]";
                body = badStatus is null ? new HttpBodyCheck(url.Digest, url.Regex, parsed.ContentLength) : new HttpBodyCheck(null, null, null);
                body.Append(head.AsSpan(parsed.HeadLength, headFill - parsed.HeadLength));
            }
            if (body is null)
                return ProbeResult.Fail(headFill == 0 ? "connection closed without an answer" : "connection closed before the end of the HTTP header");
            if (badStatus is not null) return ProbeResult.Fail(badStatus);
            return body.Verdict() is { } bad ? ProbeResult.Fail($"{bad} to {Target} url({url.Path})") : ProbeResult.Ok;
        }
        finally
        {
            body?.Dispose();
        }
    }
}
