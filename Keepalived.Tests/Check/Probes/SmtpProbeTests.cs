using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Keepalived.Actors.Check.Probes;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Check.Probes;

/// <summary>SMTP_CHECK against scripted SMTP dialogues inside a test namespace.</summary>
public sealed class SmtpProbeTests
{
    private const int Port = 2525;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A dialogue: the banner, then for each line the client sends the next reply (null: close
    /// instead). Client lines are recorded.
    /// </summary>
    private static Func<Socket, CancellationToken, Task> Dialogue(string banner, ConcurrentQueue<string> heard, params string?[] replies) =>
        async (socket, stop) =>
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(banner), stop);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            foreach (string? reply in replies)
            {
                string? line = await reader.ReadLineAsync(stop);
                if (line is null) return;
                heard.Enqueue(line);
                if (reply is null) return;
                await stream.WriteAsync(Encoding.ASCII.GetBytes(reply), stop);
            }
            await HttpTestServer.CloseAfterPeer(socket, stop);
        };

    private static SmtpProbe Probe(double connectTimeout = 1) =>
        new(ProbeLab.Target(ProbeLab.Server, Port, connectTimeout), "smtpchecker.keepalived.org", ProbeLimits.Default);

    [RootFact]
    public async Task Up_after_220_HELO_250_QUIT_and_one_more_line()
    {
        using var lab = ProbeLab.Create();
        var heard = new ConcurrentQueue<string>();
        using var server = lab.Tcp(Port, Dialogue("220 mx.example.test ESMTP\r\n", heard, "250 mx.example.test\r\n", "221 bye\r\n"));
        var (result, _) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Success, result);
        Assert.Equal(["HELO smtpchecker.keepalived.org", "QUIT"], heard.ToArray());
    }

    [RootFact]
    public async Task What_follows_a_line_in_the_same_read_is_dropped_as_keepalived()
    {
        using var lab = ProbeLab.Create();
        var heard = new ConcurrentQueue<string>();
        // The 221 comes with the 250, before QUIT; smtp_get_line clears its buffer, so after QUIT
        // nothing is left to read and the close is a failure.
        using var server = lab.Tcp(Port, Dialogue("220 hi\r\n", heard, "250 ok\r\n221 bye\r\n", ""));
        var (result, _) = await lab.Probe(Probe(connectTimeout: 3));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("QUIT", result.Reason);
        Assert.Equal(["HELO smtpchecker.keepalived.org", "QUIT"], heard.ToArray());
    }

    [RootFact]
    public async Task A_bare_220_with_CR_LF_is_a_bad_banner_as_keepalived()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, Dialogue("220\r\n", new ConcurrentQueue<string>(), "250 ok\r\n", "221 bye\r\n"));
        var (result, _) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("banner", result.Reason);
    }

    [RootTheory]
    [InlineData("220-mx.example.test first of two\r\n220 mx.example.test\r\n", "250 ok\r\n", "banner")]   // multi-line banner
    [InlineData("554 no service\r\n", "250 ok\r\n", "banner")]
    [InlineData("220 hi\r\n", "550 go away\r\n", "HELO")]
    [InlineData("220 hi\r\n", null, "HELO")]                      // closed after HELO
    public async Task Down_on_a_wrong_dialogue(string banner, string? heloReply, string reason)
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, Dialogue(banner, new ConcurrentQueue<string>(), heloReply, "221 bye\r\n"));
        var (result, _) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains(reason, result.Reason);
    }

    [RootFact]
    public async Task Down_when_closed_in_the_middle_of_the_banner()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, async (socket, stop) =>
        {
            await socket.SendAsync("220 hel"u8.ToArray(), SocketFlags.None, stop);
            await HttpTestServer.CloseAfterPeer(socket, stop);
        });
        var (result, elapsed) = await lab.Probe(Probe(connectTimeout: 5));
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("closed in the middle of a line", result.Reason);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{elapsed}");
    }

    [RootFact]
    public async Task Down_when_nothing_follows_QUIT()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, Dialogue("220 hi\r\n", new ConcurrentQueue<string>(), "250 ok\r\n", null));
        var (result, _) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("QUIT", result.Reason);
    }

    [RootFact]
    public async Task A_line_longer_than_512_bytes_fails()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, Dialogue("220 " + new string('x', 600) + "\r\n", new ConcurrentQueue<string>()));
        var (result, _) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("512", result.Reason);
    }

    [RootFact]
    public async Task A_silent_server_fails_at_connect_timeout()
    {
        using var lab = ProbeLab.Create();
        using var server = lab.Tcp(Port, HttpTestServer.Tarpit);
        var (result, elapsed) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Failure, result);
        Assert.Contains("reading banner: timeout after 1 s", result.Reason);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1) + Slack);
    }

    [RootFact]
    public async Task Binary_garbage_fails()
    {
        using var lab = ProbeLab.Create();
        var garbage = new byte[2000];
        new Random(3).NextBytes(garbage);
        using var server = lab.Tcp(Port, HttpTestServer.Respond(garbage));
        var (result, _) = await lab.Probe(Probe());
        Expect.Verdict(ProbeVerdict.Failure, result);
    }
}
