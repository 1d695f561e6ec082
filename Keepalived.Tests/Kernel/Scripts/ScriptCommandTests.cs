using System.Diagnostics;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Kernel.Scripts;

namespace Keepalived.Tests.Kernel.Scripts;

/// <summary>
/// How ScriptCommand starts a configured script (keepalived's system_call_script): an executable
/// is exec'd with its words, anything else goes through <c>/bin/sh -c</c> with every word
/// single-quoted, and with setpriv present the script gets its uid/gid through it.
/// </summary>
public sealed class ScriptCommandTests
{
    private const string SetPriv = "/usr/bin/setpriv";

    private static NotifyScript Script(string[] args, string? executable = null, uint? uid = null, uint? gid = null) =>
        new(args, "test", default) { ExecutablePath = executable, Uid = uid, Gid = gid };

    /// <summary>The program and arguments after setpriv's own options (all of it when setpriv is absent).</summary>
    private static (string File, List<string> Args, List<string> SetPrivOptions) Command(ProcessStartInfo info)
    {
        var all = info.ArgumentList.ToList();
        if (info.FileName != SetPriv)
            return (info.FileName, all, []);
        var separator = all.IndexOf("--");
        Assert.True(separator >= 0, "setpriv's options end with --");
        return (all[separator + 1], all[(separator + 2)..], all[..separator]);
    }

    private static string Run(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "the script did not finish");
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [Fact]
    public void An_executable_is_exec_d_with_its_words_and_the_extra_ones_without_a_shell()
    {
        var info = ScriptCommand.StartInfo(Script(["notify.sh", "a b", "it's"], executable: "/etc/keepalived/notify.sh"),
            ["INSTANCE", "VI_1", "MASTER", "150"]);

        var (file, args, _) = Command(info);
        Assert.Equal("/etc/keepalived/notify.sh", file);
        Assert.Equal(["a b", "it's", "INSTANCE", "VI_1", "MASTER", "150"], args);
        Assert.False(info.UseShellExecute);
        Assert.Equal(File.Exists(SetPriv) ? SetPriv : file, info.FileName);
    }

    [Fact]
    public void Anything_else_goes_through_sh_with_every_word_quoted()
    {
        var (file, args, _) = Command(ScriptCommand.StartInfo(Script(["echo", "$HOME", "a;b"]), ["INSTANCE"]));

        Assert.Equal("/bin/sh", file);
        Assert.Equal(["-c", "'echo' '$HOME' 'a;b' 'INSTANCE'"], args);
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
        var output = Run(ScriptCommand.StartInfo(Script(["printf", "%s|", "it's", "$HOME", "a b", "`id`"])));
        Assert.Equal("it's|$HOME|a b|`id`|", output);
    }

    [RootFact(Tool = "setpriv")]
    public void Setpriv_switches_to_the_script_s_uid_and_gid_only()
    {
        var (_, _, options) = Command(ScriptCommand.StartInfo(Script(["id"], "/usr/bin/id", uid: 65534, gid: 65533)));
        Assert.Equal(["--pdeathsig=SIGTERM", "--regid=65533", "--groups=65533", "--reuid=65534"], options);

        var output = Run(ScriptCommand.StartInfo(Script(["id", "-u"], "/usr/bin/id", uid: 65534, gid: 65533)));
        Assert.Equal("65534", output.Trim());
        Assert.Equal("65533", Run(ScriptCommand.StartInfo(Script(["id", "-G"], "/usr/bin/id", uid: 65534, gid: 65533))).Trim());
    }

    [RootFact(Tool = "setpriv")]
    public void A_root_script_keeps_root_and_only_gets_the_parent_death_signal()
    {
        var (_, _, options) = Command(ScriptCommand.StartInfo(Script(["id"], "/usr/bin/id", uid: 0, gid: 0)));
        Assert.Equal(["--pdeathsig=SIGTERM"], options);
        Assert.Equal("0", Run(ScriptCommand.StartInfo(Script(["id", "-u"], "/usr/bin/id", uid: 0, gid: 0))).Trim());
    }
}
