namespace Keepalived.Actors.Config.Model;

/// <summary>
/// A script the configuration names (vrrp_script, notify_*, MISC_CHECK, ...). Every section
/// adds the scripts it reads to <see cref="KeepalivedConfig.Scripts"/>; the script-security
/// check (keepalived's check_script_secure) runs over all of them after parsing.
/// </summary>
public sealed class NotifyScript
{
    /// <param name="args">The command and its arguments as keepalived splits them.</param>
    /// <param name="usage">What uses it, for messages (e.g. "vrrp_script chk_nginx", "notify_master VI_1").</param>
    public NotifyScript(IReadOnlyList<string> args, string usage, SourcePosition position)
    {
        Args = args;
        Usage = usage;
        Position = position;
    }

    public IReadOnlyList<string> Args { get; }
    public string Usage { get; }
    public SourcePosition Position { get; }

    /// <summary>Run as this user/group (the keyword's own, else global_defs script_user, else root).</summary>
    public string? User { get; set; }
    public string? Group { get; set; }

    /// <summary>Set by the security check: the script must not run.</summary>
    public bool Disabled { get; set; }

    /// <summary>Set by the security check: the script runs but its file is insecure.</summary>
    public bool Insecure { get; set; }

    /// <summary>
    /// Set by the security check when the command is an executable file (keepalived's
    /// SC_EXECABLE): the path found (by PATH search for a bare name), run with execve. Null: the
    /// words are run through <c>/bin/sh -c</c> as keepalived's system() does.
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>The uid and gid the script runs as, resolved by the security check.</summary>
    public uint? Uid { get; set; }
    public uint? Gid { get; set; }

    public string Command => Args.Count > 0 ? Args[0] : "";

    public override string ToString() => string.Join(' ', Args.Select(a => a.Contains(' ') ? $"'{a}'" : a));
}
