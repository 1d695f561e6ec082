using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config.Check;
using Keepalived.Tests.Notify;

namespace Keepalived.Tests.Check.Probes;

/// <summary>MISC_CHECK's run: the exit status, and a script that misbehaves is killed with its process group at misc_timeout.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MiscProbeTests : IDisposable
{
    private readonly TempScripts _scripts = new();

    public void Dispose() => _scripts.Dispose();

    private MiscProbe Probe(string body, TimeSpan timeout) =>
        new(new MiscChecker(default) { Script = _scripts.Script($"misc-{Guid.NewGuid():N}", body) }, timeout);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(255)]
    public async Task An_exit_is_a_result_with_its_status(int status)
    {
        var result = await Probe($"exit {status}", TimeSpan.FromSeconds(10)).RunAsync(0, default);
        Assert.Equal(new ProbeResult(ProbeVerdict.Success, null, status), result);
    }

    [Fact]
    public async Task A_script_ending_by_a_signal_fails()
    {
        var result = await Probe("kill -9 $$", TimeSpan.FromSeconds(10)).RunAsync(0, default);
        Assert.Equal(ProbeVerdict.Failure, result.Verdict);
    }

    [Fact]
    public async Task A_script_that_forks_ignores_term_and_prints_endlessly_is_killed_with_its_children_at_the_timeout()
    {
        var marker = _scripts.PathOf("child-pid");
        var probe = Probe($"""
            trap '' TERM
            sleep 600 &
            echo $! > '{marker}'
            while :; do echo flood; done
            """, TimeSpan.FromSeconds(1));
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await probe.RunAsync(0, default);
        Assert.Equal(ProbeVerdict.Failure, result.Verdict);
        Assert.Equal("timed out", result.Reason);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(4), $"took {started.Elapsed}");
        // the forked child went with the group
        var child = int.Parse(File.ReadAllText(marker).Trim());
        var gone = false;
        for (var i = 0; i < 50 && !gone; i++)
        {
            gone = !Directory.Exists($"/proc/{child}") || File.ReadAllText($"/proc/{child}/stat").Split(' ')[2] == "Z";
            if (!gone) await Task.Delay(100);
        }
        Assert.True(gone, $"child {child} still runs");
    }

    [Fact]
    public async Task A_script_that_cannot_start_is_not_run()
    {
        var probe = new MiscProbe(new MiscChecker(default)
        {
            Script = new Keepalived.Actors.Config.Model.NotifyScript(["/nonexistent/misc"], "test", default) { ExecutablePath = "/nonexistent/misc" },
        }, TimeSpan.FromSeconds(1));
        Assert.Equal(ProbeVerdict.NotRun, (await probe.RunAsync(0, default)).Verdict);
    }
}
