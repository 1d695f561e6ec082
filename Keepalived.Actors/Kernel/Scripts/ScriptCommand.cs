using System.Diagnostics;
using System.Text;
using Keepalived.Actors.Config.Model;

namespace Keepalived.Actors.Kernel.Scripts;

/// <summary>
/// How a configured script is started, as keepalived's system_call_script does: an executable
/// file is exec'd directly with its words as arguments (no shell); anything else goes through
/// <c>/bin/sh -c</c> with every word single-quoted (the first one not when it is a
/// <c>&lt;</c>/<c>&gt;</c> redirection). A script for another user, or any script when
/// <c>setpriv</c> exists, is started through <c>setpriv</c> so it gets its uid/gid, only its
/// own group, and SIGTERM when keepalived-net dies (keepalived's PR_SET_PDEATHSIG).
/// </summary>
public static class ScriptCommand
{
    private const string SetPriv = "/usr/bin/setpriv";
    private static readonly bool HaveSetPriv = File.Exists(SetPriv);

    /// <param name="extraArgs">Words appended to the script's own (the generic notify's four).</param>
    public static ProcessStartInfo StartInfo(NotifyScript script, IReadOnlyList<string>? extraArgs = null)
    {
        var words = new List<string>(script.Args);
        if (extraArgs is not null) words.AddRange(extraArgs);
        var (file, args) = script.ExecutablePath is { } path
            ? (path, words.Skip(1).ToList())
            : ("/bin/sh", ["-c", ShellLine(words)]);

        var info = new ProcessStartInfo { UseShellExecute = false, RedirectStandardInput = true };
        if (HaveSetPriv)
        {
            info.FileName = SetPriv;
            info.ArgumentList.Add("--pdeathsig=SIGTERM");
            if (script.Uid is { } uid && script.Gid is { } gid && (uid != 0 || gid != 0))
            {
                info.ArgumentList.Add($"--regid={gid}");
                info.ArgumentList.Add($"--groups={gid}");
                info.ArgumentList.Add($"--reuid={uid}");
            }
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(file);
        }
        else
            info.FileName = file;
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
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
