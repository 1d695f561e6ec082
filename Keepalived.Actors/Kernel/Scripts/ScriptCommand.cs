using System.Text;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Scripts;

/// <summary>
/// How a configured script is started, as keepalived's system_call_script does: an executable
/// file is exec'd directly with its words as arguments (no shell); anything else goes through
/// <c>/bin/sh -c</c> with every word single-quoted (the first one not when it is a
/// <c>&lt;</c>/<c>&gt;</c> redirection). A script for a user or group other than ours is started
/// through <c>setpriv</c>, which gives it that uid/gid, only its own group, and SIGTERM when
/// keepalived-net dies (keepalived's PR_SET_PDEATHSIG). A script run as ourselves (root, the
/// common case) is exec'd directly: one exec per run instead of two, which halves the scripts'
/// CPU, at the price of the parent-death signal (see docs/tracking.md).
/// </summary>
/// <param name="File">The program exec'd.</param>
/// <param name="Argv">Its argv, argv[0] included.</param>
public sealed record ScriptCommand(string File, IReadOnlyList<string> Argv)
{
    public const string SetPriv = "/usr/bin/setpriv";
    private static readonly bool HaveSetPriv = System.IO.File.Exists(SetPriv);
    private static readonly (uint Uid, uint Gid) Ourselves = (LibcCalls.GetEuid(), LibcCalls.GetEgid());

    /// <param name="extraArgs">Words appended to the script's own (the generic notify's four).</param>
    public static ScriptCommand For(NotifyScript script, IReadOnlyList<string>? extraArgs = null) =>
        For(script, extraArgs, HaveSetPriv, Ourselves);

    /// <summary>The same, for a given setpriv presence and our own uid/gid (the tests' seam).</summary>
    internal static ScriptCommand For(NotifyScript script, IReadOnlyList<string>? extraArgs, bool haveSetPriv,
        (uint Uid, uint Gid) ourselves)
    {
        var words = new List<string>(script.Args);
        if (extraArgs is not null) words.AddRange(extraArgs);
        var (file, args) = script.ExecutablePath is { } path
            ? (path, words.Skip(1).ToList())
            : ("/bin/sh", ["-c", ShellLine(words)]);

        var uid = script.Uid ?? ourselves.Uid;
        var gid = script.Gid ?? ourselves.Gid;
        var viaSetPriv = haveSetPriv && (uid, gid) != ourselves;
        List<string> argv = viaSetPriv
            ? [SetPriv, "--pdeathsig=SIGTERM", $"--regid={gid}", $"--groups={gid}", $"--reuid={uid}", "--", file, .. args]
            : [file, .. args];
        return new ScriptCommand(viaSetPriv ? SetPriv : file, argv);
    }

    /// <summary>keepalived's cmd_str: words single-quoted (a quote inside a word escaped for sh).</summary>
    public static string ShellLine(IReadOnlyList<string> words)
    {
        var line = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0) line.Append(' ');
            var w = words[i];
            if (i == 0 && w.Length > 0 && (w[0] == '<' || w[0] == '>'))
                line.Append(w);
            else
                line.Append('\'').Append(w.Replace("'", "'\\''")).Append('\'');
        }
        return line.ToString();
    }
}
