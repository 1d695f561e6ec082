using System.Net.Sockets;
using System.Text;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// SMTP_CHECK (check_smtp.c): connect, a 220 banner, HELO helo_name answered by 250, QUIT,
/// then one more line of any content. Every connect, write and read has connect_timeout.
/// </summary>
public sealed class SmtpProbe(ProbeTarget target, string heloName, ProbeLimits limits) : IProbe
{
    private readonly byte[] _helo = SmtpReply.Helo(heloName);

    public ProbeTarget Target { get; } = target;
    public string HeloName { get; } = heloName;

    public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromResult(ProbeResult.NotRun("cancelled"));
        if (!ProbeSocket.TryOpen(Target, SocketType.Stream, ProtocolType.Tcp, out var socket, out var error))
            return Task.FromResult(error);
        return CheckAsync(socket, cancellationToken);
    }

    private async Task<ProbeResult> CheckAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var deadline = new ProbeDeadline(Target.ConnectTimeout, limits.TotalFor(Target.ConnectTimeout), cancellationToken);
        var reader = new LineReader(socket, deadline);
        var what = "connect";
        using (socket)
        {
            try
            {
                if (await ProbeSocket.ConnectAsync(socket, Target, deadline).ConfigureAwait(false) is { } refused)
                    return refused;
                what = "reading banner";
                if (await Expect(reader, 220, "banner").ConfigureAwait(false) is { } badBanner) return badBanner;
                what = "sending HELO";
                await socket.SendAsync(_helo, SocketFlags.None, deadline.Step()).ConfigureAwait(false);
                what = "reading HELO reply";
                if (await Expect(reader, 250, "HELO").ConfigureAwait(false) is { } badHelo) return badHelo;
                what = "sending QUIT";
                await socket.SendAsync(SmtpReply.Quit.ToArray(), SocketFlags.None, deadline.Step()).ConfigureAwait(false);
                what = "reading QUIT reply";
                return (await reader.ReadLineAsync().ConfigureAwait(false)).Error is { } quitError
                    ? ProbeResult.Fail($"QUIT: {quitError}")
                    : ProbeResult.Ok;
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

    private static async ValueTask<ProbeResult?> Expect(LineReader reader, int code, string what)
    {
        var (line, error) = await reader.ReadLineAsync().ConfigureAwait(false);
        if (error is not null) return ProbeResult.Fail($"{what}: {error}");
        var status = SmtpReply.StatusCode(line);
        return status == code ? null
            : ProbeResult.Fail($"{what}: expected {code}, got \"{Printable(line)}\"");
    }

    /// <summary>A reply line for a log: at most 80 printable ASCII characters.</summary>
    private static string Printable(byte[] line)
    {
        var text = new StringBuilder();
        foreach (var b in line.AsSpan(0, Math.Min(line.Length, 80)))
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        return text.ToString().TrimEnd('.');
    }

    /// <summary>
    /// Reads an LF-ended line into a 512-byte buffer. As smtp_get_line, the buffer is cleared
    /// before each line: what arrived after the previous LF is dropped. Unlike keepalived, which
    /// wraps a full buffer and reads on, a line that does not fit fails (a bound on the read).
    /// </summary>
    private sealed class LineReader(Socket socket, ProbeDeadline deadline)
    {
        private readonly byte[] _buffer = new byte[SmtpReply.MaxLineLength];
        private int _fill;

        public async ValueTask<(byte[] Line, string? Error)> ReadLineAsync()
        {
            _fill = 0;
            while (true)
            {
                var length = SmtpReply.LineLength(_buffer.AsSpan(0, _fill));
                if (length > 0)
                {
                    return (_buffer.AsSpan(0, length).ToArray(), null);
                }
                if (_fill == _buffer.Length) return ([], $"no end of line within {SmtpReply.MaxLineLength} bytes");
                var n = await socket.ReceiveAsync(_buffer.AsMemory(_fill), SocketFlags.None, deadline.Step()).ConfigureAwait(false);
                if (n == 0) return ([], _fill == 0 ? "connection closed by the server" : "connection closed in the middle of a line");
                _fill += n;
            }
        }
    }
}
