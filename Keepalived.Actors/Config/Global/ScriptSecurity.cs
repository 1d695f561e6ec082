using System.Runtime.CompilerServices;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Global;

/// <summary>What the check found about a script (keepalived's SC_* flags).</summary>
[Flags]
public enum ScriptFlags
{
    None = 0,
    /// <summary>"&lt;/path" — only tests a file can be opened; nothing is executed.</summary>
    System = 0x01,
    NotFound = 0x02,
    /// <summary>An executable file was found.</summary>
    IsScript = 0x04,
    Executable = 0x08,
    /// <summary>Must not run (script security enabled and insecure, or the path is wrong).</summary>
    Inhibit = 0x10,
    /// <summary>The file or a directory above it can be written by someone other than root.</summary>
    Insecure = 0x20,
}

/// <summary>
/// keepalived's script security (lib/notify.c check_script_secure, and the per-process checks
/// check_vrrp_script_security / check_check_script_security / the start-stop check of main.c).
/// One instance per configuration (<see cref="For"/>) remembers which scripts were checked, so a
/// section may check its own scripts in its Validate and the global section checks the rest.
/// </summary>
public sealed class ScriptSecurity
{
    private static readonly ConditionalWeakTable<KeepalivedConfig, ScriptSecurity> Instances = new();
    private readonly SectionContext _context;
    private readonly HashSet<NotifyScript> _checked = new(ReferenceEqualityComparer.Instance);
    private bool _defaultUserResolved;
    private (uint Uid, uint Gid)? _defaultUser;
    private IScriptHost? _host;

    public ScriptSecurity(SectionContext context, IScriptHost? host)
    {
        _context = context;
        _host = host;
    }

    /// <summary>
    /// The file system and user database the check uses (tests set a fake before parsing). Asked
    /// for without one, it throws: reading every script as missing, or every file as root's,
    /// would turn a caller's omission into a wrong security verdict.
    /// </summary>
    public IScriptHost Host
    {
        get => _host ?? throw new InvalidOperationException(
            "No script host to check the configuration's scripts with: set ConfigLoadOptions.Scripts or SectionContext.Scripts");
        set => _host = value;
    }

    /// <summary>keepalived checks the VRRP scripts only when there is a vrrp_instance; null = assume so when it has scripts.</summary>
    public bool? HasVrrpInstances { get; set; }

    /// <summary>keepalived checks the checker scripts only when there is a virtual_server; null = assume so when it has scripts.</summary>
    public bool? HasVirtualServers { get; set; }

    /// <summary>The shared instance for this configuration.</summary>
    public static ScriptSecurity For(SectionContext context) =>
        Instances.GetValue(context.Config, _ => new ScriptSecurity(context, context.Scripts));

    private GlobalConfig Global => _context.Config.Global;

    /// <summary>
    /// vrrp_script (and track scripts generally): check_track_script_secure. Reports "Disabling
    /// track script NAME ..." and disables the script when it cannot run.
    /// </summary>
    public ScriptFlags CheckTrackScript(NotifyScript script, string name)
    {
        var flags = Check(script);
        if (flags.HasFlag(ScriptFlags.Inhibit))
            ReportAfterParse(ConfigErrorKind.GeneralError, $"Disabling track script {name} due to insecure");
        else if (flags.HasFlag(ScriptFlags.NotFound))
            ReportAfterParse(ConfigErrorKind.GeneralError, $"Disabling track script {name} since not found/accessible");
        if ((flags & (ScriptFlags.Inhibit | ScriptFlags.NotFound)) != 0 || (flags & (ScriptFlags.Executable | ScriptFlags.System)) == 0)
            script.Disabled = true;
        return flags;
    }

    /// <summary>MISC_CHECK: like a track script, but keepalived only logs why it disables it.</summary>
    public ScriptFlags CheckMiscScript(NotifyScript script)
    {
        var flags = Check(script);
        if (flags.HasFlag(ScriptFlags.Inhibit)) _context.Parser.Log($"Disabling misc script {script} due to insecure");
        else if (flags.HasFlag(ScriptFlags.NotFound)) _context.Parser.Log($"Disabling misc script {script} since not found/accessible");
        if ((flags & (ScriptFlags.Inhibit | ScriptFlags.NotFound)) != 0 || (flags & (ScriptFlags.Executable | ScriptFlags.System)) == 0)
            script.Disabled = true;
        return flags;
    }

    /// <summary>notify_* and fifo scripts: check_notify_script_secure (disabled silently).</summary>
    public ScriptFlags CheckNotifyScript(NotifyScript script)
    {
        var flags = Check(script);
        if ((flags & (ScriptFlags.Inhibit | ScriptFlags.NotFound)) != 0 || !flags.HasFlag(ScriptFlags.Executable))
            script.Disabled = true;
        return flags;
    }

    /// <summary>
    /// After one process's scripts are checked: without enable_script_security, executing any
    /// script is a security violation (exit 6). <paramref name="what"/> is "" (vrrp), "check " or "start/shutdown ".
    /// </summary>
    public void ReportViolation(ScriptFlags flags, string what)
    {
        if (Global.EnableScriptSecurity || !flags.HasFlag(ScriptFlags.IsScript)) return;
        ReportAfterParse(ConfigErrorKind.SecurityError,
            $"SECURITY VIOLATION - {what}scripts are being executed but script_security not enabled." +
            (flags.HasFlag(ScriptFlags.Insecure) ? " There are insecure scripts." : ""));
    }

    /// <summary>
    /// Checks every script of the configuration that no section checked itself, grouped by the
    /// keepalived process that would run it (from <see cref="NotifyScript.Usage"/>).
    /// </summary>
    public void CheckRemaining()
    {
        var pending = Pending();
        if (pending.Count == 0) return;
        if (HasVrrpInstances ?? pending.Any(s => ProcessOf(s) == ScriptProcess.Vrrp)) CheckVrrpScripts();
        var check = pending.Where(s => ProcessOf(s) is ScriptProcess.Checker or ScriptProcess.Both).ToList();
        if (HasVirtualServers ?? check.Any(s => ProcessOf(s) == ScriptProcess.Checker))
        {
            var flags = ScriptFlags.None;
            foreach (var s in check)
                flags |= s.Usage.StartsWith("MISC_CHECK", StringComparison.Ordinal) ? CheckMiscScript(s) : CheckNotifyScript(s);
            ReportViolation(flags, "check ");
        }
        var parent = pending.Where(s => ProcessOf(s) == ScriptProcess.Parent).ToList();
        if (parent.Count > 0)
        {
            var flags = ScriptFlags.None;
            foreach (var s in parent) flags |= CheckNotifyScript(s);
            ReportViolation(flags, "start/shutdown ");
        }
    }

    /// <summary>
    /// check_vrrp_script_security: the scripts the VRRP process runs (track scripts disabled when
    /// they cannot run), then one SECURITY VIOLATION report for all of them.
    /// </summary>
    public void CheckVrrpScripts()
    {
        var flags = ScriptFlags.None;
        foreach (var s in Pending().Where(s => ProcessOf(s) is ScriptProcess.Vrrp or ScriptProcess.Both))
            flags |= s.Usage.StartsWith("vrrp_script ", StringComparison.Ordinal)
                ? CheckTrackScript(s, s.Usage["vrrp_script ".Length..])
                : CheckNotifyScript(s);
        ReportViolation(flags, "");
    }

    /// <summary>The configuration's scripts not checked yet (global ones included).</summary>
    private List<NotifyScript> Pending()
    {
        var pending = _context.Config.Scripts.Where(s => !_checked.Contains(s)).ToList();
        if (Global.StartupScript is { } up && !_checked.Contains(up)) pending.Add(up);
        if (Global.ShutdownScript is { } down && !_checked.Contains(down)) pending.Add(down);
        foreach (var f in new[] { Global.NotifyFifo, Global.VrrpNotifyFifo, Global.LvsNotifyFifo })
            if (f.Script is { } fs && !_checked.Contains(fs) && !pending.Contains(fs)) pending.Add(fs);
        return pending;
    }

    private enum ScriptProcess { Vrrp, Checker, Both, Parent }

    private static ScriptProcess ProcessOf(NotifyScript s)
    {
        var u = s.Usage;
        if (u.StartsWith("startup", StringComparison.Ordinal) || u.StartsWith("shutdown", StringComparison.Ordinal)) return ScriptProcess.Parent;
        if (u.StartsWith("notify_fifo", StringComparison.Ordinal)) return ScriptProcess.Both;
        if (u.StartsWith("MISC_CHECK", StringComparison.Ordinal) || u.StartsWith("lvs_notify_fifo", StringComparison.Ordinal) ||
            u.Contains("notify_up", StringComparison.Ordinal) || u.Contains("notify_down", StringComparison.Ordinal) ||
            u.Contains("quorum_up", StringComparison.Ordinal) || u.Contains("quorum_down", StringComparison.Ordinal))
            return ScriptProcess.Checker;
        return ScriptProcess.Vrrp;
    }

    /// <summary>check_script_secure for one script; each script is checked once.</summary>
    public ScriptFlags Check(NotifyScript script)
    {
        _checked.Add(script);
        if (script.Disabled) return ScriptFlags.None;
        var command = script.Command;
        var trimmed = command.Length > 0 && command[0] == '<' ? command[1..].TrimStart(' ', '\t') : null;
        if (trimmed is not null && trimmed.StartsWith('/')) return ScriptFlags.System;

        if (!ResolveUser(script, out var uid, out var gid))
        {
            script.Disabled = true;
            return ScriptFlags.None;
        }
        script.Uid = uid;
        script.Gid = gid;
        var path = command;
        if (!command.Contains('/'))
        {
            var found = FindInPath(command, uid, gid, out var permission);
            if (found is null)
            {
                _context.Parser.Log(permission
                    ? $"Permissions failure for script {command} in path - disabling"
                    : $"Cannot find script {command} in path - disabling");
                return ScriptFlags.NotFound;
            }
            _context.Parser.Log($"WARNING - script `{command}` resolved by path search to `{found}`. Please specify full path.");
            path = found;
        }
        var real = Host.RealPath(path);
        if (real is null)
        {
            _context.Parser.Log($"Script {command} cannot be accessed - No such file or directory");
            return ScriptFlags.NotFound;
        }
        // keepalived runs (and checks) the resolved path, keeping the file's own name when only a
        // directory on the way was a link: /bin/true on a usr-merged system becomes /usr/bin/true
        string? realFile = null;
        if (real != path)
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            var resolved = real;
            if (name != real[(real.LastIndexOf('/') + 1)..])
            {
                var renamed = real[..(real.LastIndexOf('/') + 1)] + name;
                if (Host.RealPath(renamed) == real) (resolved, realFile) = (renamed, real);
            }
            path = resolved;
        }
        var file = Host.Stat(real);
        if (file is null)
        {
            _context.Parser.Log($"Unable to access script `{command}` - disabling");
            return ScriptFlags.NotFound;
        }
        var flags = ScriptFlags.IsScript;
        var needProtection = false;
        if (IsExecutable(file, uid, gid))
        {
            flags |= ScriptFlags.Executable;
            script.ExecutablePath = path;
            needProtection = uid == 0 || gid == 0 ||
                (file.Uid == 0 && file.Mode.HasFlag(UnixFileMode.UserExecute) && file.Mode.HasFlag(UnixFileMode.SetUser)) ||
                (file.Gid == 0 && file.Mode.HasFlag(UnixFileMode.GroupExecute) && file.Mode.HasFlag(UnixFileMode.SetGroup));
        }
        else
            _context.Parser.Log($"WARNING - script '{command}' is not executable for uid:gid {uid}:{gid} - disabling.");
        if (!needProtection) return flags;

        flags |= CheckPath(path);
        if (realFile is not null) flags |= CheckPath(realFile);
        if (flags.HasFlag(ScriptFlags.Insecure)) script.Insecure = true;
        return flags;
    }

    /// <summary>check_security: every directory from / down, and the file, must be root's and not writable by others.</summary>
    private ScriptFlags CheckPath(string path)
    {
        var enabled = Global.EnableScriptSecurity;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefixes = new List<string> { "/" };
        for (var i = 0; i < parts.Length; i++) prefixes.Add("/" + string.Join('/', parts.Take(i + 1)));
        for (var i = 0; i < prefixes.Count; i++)
        {
            var last = i == prefixes.Count - 1;
            var info = Host.Stat(prefixes[i]);
            if (info is null)
            {
                _context.Parser.Log($"check_script_secure could not find script '{path}' - disabling");
                return ScriptFlags.NotFound;
            }
            if ((!last && !info.IsDirectory) || (last && !info.IsRegular && !info.IsSymlink))
            {
                _context.Parser.Log($"Wrong file type found in script path '{path}'.");
                return ScriptFlags.Inhibit;
            }
            var writableByOthers = (info.Gid != 0 && info.Mode.HasFlag(UnixFileMode.GroupWrite)) || info.Mode.HasFlag(UnixFileMode.OtherWrite);
            var checkWrite = (info.IsDirectory && !info.Mode.HasFlag(UnixFileMode.StickyBit)) || info.IsRegular;
            if (info.Uid != 0 || (checkWrite && writableByOthers))
            {
                _context.Parser.Log($"Unsafe permissions found for script '{path}'{(enabled ? " - disabling" : "")}.");
                return ScriptFlags.Insecure | (enabled ? ScriptFlags.Inhibit : ScriptFlags.None);
            }
        }
        return ScriptFlags.None;
    }

    private static bool IsExecutable(ScriptFileInfo f, uint uid, uint gid) =>
        (uid == 0 && (f.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0) ||
        (uid == f.Uid && f.Mode.HasFlag(UnixFileMode.UserExecute)) ||
        (uid != f.Uid && ((gid == f.Gid && f.Mode.HasFlag(UnixFileMode.GroupExecute)) ||
                          (gid != f.Gid && f.Mode.HasFlag(UnixFileMode.OtherExecute))));

    private string? FindInPath(string command, uint uid, uint gid, out bool permission)
    {
        permission = false;
        if (command.Length == 0) return null;
        foreach (var dir in Host.SearchPath)
        {
            var candidate = (dir.Length == 0 ? "" : dir + "/") + command;
            var info = Host.Stat(candidate);
            if (info is null) continue;
            if (info.IsSymlink && Host.RealPath(candidate) is { } target) info = Host.Stat(target) ?? info;
            if (info.IsRegular && IsExecutable(info, uid, gid)) return candidate;
            permission = true;
        }
        return null;
    }

    /// <summary>The script's user: its own, else global script_user, else keepalived_script if it exists, else root.</summary>
    private bool ResolveUser(NotifyScript script, out uint uid, out uint gid)
    {
        (uid, gid) = Host.Self;
        if (script.User is { } user)
        {
            if (Host.LookupUser(user) is not { } u) return false;
            (uid, gid) = u;
            if (script.Group is { } group)
            {
                if (Host.LookupGroup(group) is not { } g) return false;
                gid = g;
            }
            return true;
        }
        if (!_defaultUserResolved)
        {
            _defaultUserResolved = true;
            if (Global.ScriptUser is { } su)
            {
                var u = Host.LookupUser(su);
                if (u is { } found && Global.ScriptGroup is { } sg)
                    u = Host.LookupGroup(sg) is { } g ? (found.Uid, g) : null;
                _defaultUser = u;
            }
            else
            {
                _defaultUser = Host.LookupUser("keepalived_script") ?? Host.Self;
                if (Host.LookupUser("keepalived_script") is null && Global.EnableScriptSecurity)
                {
                    // keepalived reports this while reading the first script that needs the default user
                    _context.Parser.Diagnostics.ReportAt(ConfigErrorKind.GeneralError, script.Position.File, script.Position.Line,
                        "Unable to set default user keepalived_script for script");
                    _defaultUser = null;
                }
            }
        }
        if (Global.ScriptUserFailed || _defaultUser is null) return false;
        (uid, gid) = _defaultUser.Value;
        return true;
    }

    private void ReportAfterParse(ConfigErrorKind kind, string message) =>
        _context.Parser.Diagnostics.ReportAt(kind, null, 0, message);
}
