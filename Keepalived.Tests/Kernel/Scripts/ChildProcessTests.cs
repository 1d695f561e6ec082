using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Scripts;

namespace Keepalived.Tests.Kernel.Scripts;

/// <summary>
/// ChildProcess starts a script as keepalived's forked child does: its own process group,
/// default signal dispositions, nothing blocked, stdin from /dev/null, and its exit reaped.
/// </summary>
public sealed class ChildProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static NotifyScript Shell(string line) => new(["/bin/sh", "-c", line], "test", default) { ExecutablePath = "/bin/sh" };

    private static int Exit(params string[] argv)
    {
        var child = ChildProcess.Start(argv[0], argv);
        Assert.True(child.Exited.Wait(Patience), "the child did not finish");
        return child.Exited.Result;
    }

    [Fact]
    public void The_exit_code_is_reported_and_a_signal_as_128_plus_its_number()
    {
        Assert.Equal(0, Exit("/bin/true"));
        Assert.Equal(1, Exit("/bin/false"));
        Assert.Equal(42, Exit("/bin/sh", "-c", "exit 42"));
        Assert.Equal(128 + 9, Exit("/bin/sh", "-c", "kill -9 $$"));
    }

    [Fact]
    public void A_child_whose_pidfd_cannot_be_opened_is_killed_and_reaped_not_left_a_zombie()
    {
        int pid = 0;
        var error = Assert.Throws<ErrnoException>(() => ChildProcess.Start("/bin/sleep", ["/bin/sleep", "30"], null, p =>
        {
            pid = p;
            System.Runtime.InteropServices.Marshal.SetLastPInvokeError((int)Errno.EMFILE);
            return -1;
        }));
        Assert.Equal(Errno.EMFILE, error.Errno);
        Assert.NotEqual(0, pid);
        // reaped: the pid is gone, not a zombie ("Z") waiting for a wait that never comes
        Assert.False(Directory.Exists($"/proc/{pid}"), File.Exists($"/proc/{pid}/stat") ? File.ReadAllText($"/proc/{pid}/stat") : "");
    }

    [Fact]
    public void A_missing_program_is_an_errno_not_a_child()
    {
        var error = Assert.Throws<ErrnoException>(() => ChildProcess.Start("/nonexistent/script", ["/nonexistent/script"]));
        Assert.Equal(Errno.ENOENT, error.Errno);
    }

    [Fact]
    public void The_child_leads_its_own_group_with_no_signal_ignored_or_blocked_and_stdin_empty()
    {
        // /proc/self/stat field 5 is the process group
        var output = ScriptCommandTests.Run(ScriptCommand.For(Shell(
            "set -- $(cut -d' ' -f1,5 /proc/$$/stat); echo pgrp=$(( $1 == $2 )); wc -c")));
        Assert.Contains("pgrp=1", output);
        Assert.EndsWith("0\n", output);

        // the masks are read by the spawned program itself: a shell reading its own would catch
        // it blocking every signal while it waits for that reader
        var masks = ScriptCommandTests.Run(new ScriptCommand("/bin/grep", ["/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"]));
        Assert.Matches(@"SigBlk:\s+0+\n", masks);
        // Only signals 1-31 count: glibc's posix_spawn leaves its two internal ones (32, 33) ignored.
        var ignored = Convert.ToUInt64(System.Text.RegularExpressions.Regex.Match(masks, @"SigIgn:\s+([0-9a-f]+)").Groups[1].Value, 16);
        Assert.Equal(0ul, ignored & 0x7fff_ffff);
    }

    [Fact]
    public async Task A_timeout_kills_the_script_s_whole_process_group()
    {
        var pidFile = Path.GetTempFileName();
        try
        {
            var result = await ScriptRunner.RunAsync(Shell($"sleep 60 & echo $! > {pidFile}; wait"), null,
                TimeSpan.FromMilliseconds(300));

            Assert.True(result.TimedOut);
            Assert.False(result.Succeeded);
            var sleeper = int.Parse(File.ReadAllText(pidFile).Trim());
            // the kill is asynchronous: wait for the background child to be gone (it is not ours to reap)
            Assert.True(SpinWait.SpinUntil(() => !IsAlive(sleeper), Patience), $"pid {sleeper} survived the timeout");
        }
        finally { File.Delete(pidFile); }
    }

    [Fact]
    public async Task A_script_that_cannot_start_is_an_error_result()
    {
        var result = await ScriptRunner.RunAsync(new NotifyScript(["/nonexistent/x"], "test", default) { ExecutablePath = "/nonexistent/x" },
            null, Patience);
        Assert.NotNull(result.Error);
        Assert.False(result.Succeeded);
    }

    /// <summary>Alive and not a zombie (an orphaned zombie waits for init, which may be slow to reap in a container).</summary>
    private static bool IsAlive(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'); }
        catch (IOException) { return false; }
    }
}
