using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Kernel.Scripts;

namespace Keepalived.Tests.Kernel.Scripts;

/// <summary>
/// How ScriptCommand starts a configured script (keepalived's system_call_script): an executable
/// is exec'd with its words, anything else goes through <c>/bin/sh -c</c> with every word
/// single-quoted, and a script for another user gets its uid/gid through setpriv.
/// </summary>
public sealed class ScriptCommandTests
{
    private static readonly (uint, uint) Root = (0u, 0u);

    private static NotifyScript Script(string[] args, string? executable = null, uint? uid = null, uint? gid = null) =>
        new(args, "test", default) { ExecutablePath = executable, Uid = uid, Gid = gid };

    /// <summary>Runs the command with its stdout (and stderr) in a file; returns what it wrote.</summary>
    internal static string Run(ScriptCommand command)
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var output = File.OpenHandle(path, FileMode.Truncate, FileAccess.Write))
            {
                var child = ChildProcess.Start(command.File, command.Argv, output);
                Assert.True(child.Exited.Wait(TimeSpan.FromSeconds(10)), "the script did not finish");
                Assert.Equal(0, child.Exited.Result);
            }
            return File.ReadAllText(path);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void An_executable_is_exec_d_with_its_words_and_the_extra_ones_without_a_shell()
    {
        var command = ScriptCommand.For(Script(["notify.sh", "a b", "it's"], executable: "/etc/keepalived/notify.sh"),
            ["INSTANCE", "VI_1", "MASTER", "150"], haveSetPriv: true, Root);

        Assert.Equal("/etc/keepalived/notify.sh", command.File);
        Assert.Equal(["/etc/keepalived/notify.sh", "a b", "it's", "INSTANCE", "VI_1", "MASTER", "150"], command.Argv);
    }

    [Fact]
    public void Anything_else_goes_through_sh_with_every_word_quoted()
    {
        var command = ScriptCommand.For(Script(["echo", "$HOME", "a;b"]), ["INSTANCE"], haveSetPriv: true, Root);

        Assert.Equal("/bin/sh", command.File);
        Assert.Equal(["/bin/sh", "-c", "'echo' '$HOME' 'a;b' 'INSTANCE'"], command.Argv);
    }

    [Theory]
    [InlineData(new[] { "</etc/hostname" }, "</etc/hostname")]
    [InlineData(new[] { ">/tmp/x", ">y" }, ">/tmp/x '>y'")]
    [InlineData(new[] { "it's", "" }, "'it'\\''s' ''")]
    public void Shell_line_quotes_as_keepalived_and_leaves_a_leading_redirection_alone(string[] words, string line) =>
        Assert.Equal(line, ScriptCommand.ShellLine(words));

    [Fact]
    public void A_quote_inside_a_word_reaches_the_script_intact()
    {
        var output = Run(ScriptCommand.For(Script(["printf", "%s|", "it's", "$HOME", "a b", "`id`"])));
        Assert.Equal("it's|$HOME|a b|`id`|", output);
    }

    [Theory]
    [InlineData(0u, 0u, 0u, 0u, false)]      // root daemon, root script: no setpriv
    [InlineData(null, null, 0u, 0u, false)]  // no user resolved: runs as we do
    [InlineData(1000u, 1000u, 1000u, 1000u, false)]
    [InlineData(65534u, 65533u, 0u, 0u, true)]
    [InlineData(0u, 33u, 0u, 0u, true)]      // root with another group
    public void Setpriv_is_used_only_for_a_user_or_group_other_than_ours(uint? uid, uint? gid, uint ourUid, uint ourGid, bool setPriv)
    {
        var command = ScriptCommand.For(Script(["id"], "/usr/bin/id", uid, gid), null, haveSetPriv: true, (ourUid, ourGid));

        Assert.Equal(setPriv ? ScriptCommand.SetPriv : "/usr/bin/id", command.File);
        Assert.Equal(setPriv, command.Argv.Contains("--pdeathsig=SIGTERM"));
    }

    [Fact]
    public void Without_setpriv_the_script_is_exec_d_directly()
    {
        var command = ScriptCommand.For(Script(["id"], "/usr/bin/id", 65534, 65533), null, haveSetPriv: false, Root);
        Assert.Equal(["/usr/bin/id"], command.Argv);
    }

    [RootFact(Tool = "setpriv")]
    public void Setpriv_switches_to_the_script_s_uid_and_gid_only()
    {
        var command = ScriptCommand.For(Script(["id"], "/usr/bin/id", uid: 65534, gid: 65533));
        Assert.Equal([ScriptCommand.SetPriv, "--pdeathsig=SIGTERM", "--regid=65533", "--groups=65533", "--reuid=65534", "--", "/usr/bin/id"],
            command.Argv);

        Assert.Equal("65534", Run(ScriptCommand.For(Script(["id", "-u"], "/usr/bin/id", uid: 65534, gid: 65533))).Trim());
        Assert.Equal("65533", Run(ScriptCommand.For(Script(["id", "-G"], "/usr/bin/id", uid: 65534, gid: 65533))).Trim());
    }

    [RootFact]
    public void A_root_script_of_a_root_daemon_is_exec_d_directly_and_stays_root()
    {
        var command = ScriptCommand.For(Script(["id", "-u"], "/usr/bin/id", uid: 0, gid: 0));
        Assert.Equal("/usr/bin/id", command.File);
        Assert.Equal("0", Run(command).Trim());
    }
}
