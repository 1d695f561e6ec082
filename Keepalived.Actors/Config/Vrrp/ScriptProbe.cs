using Keepalived.Actors.Config.Model;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>What keepalived's check_script_secure found out about a script (its SC_* flags).</summary>
[Flags]
public enum ScriptCheck
{
    None = 0,
    IsScript = 1,
    Executable = 2,
    System = 4,
    NotFound = 8,
    Inhibit = 16,
    Insecure = 32,
}

/// <summary>
/// keepalived's check_script_secure for one script. The global section owns the full check
/// (ownership and permissions of the path); VRRP needs its verdict to disable track scripts.
/// </summary>
public interface IScriptProbe
{
    ScriptCheck Check(NotifyScript script);
}

/// <summary>
/// A stand-in for check_script_secure that only looks whether the script exists and is
/// executable: "&lt;/file" tests are system checks, a bare name is searched in PATH.
/// </summary>
public sealed class ExistingFileScriptProbe : IScriptProbe
{
    public ScriptCheck Check(NotifyScript script)
    {
        var command = script.Command;
        if (command.StartsWith('<') && command[1..].TrimStart(' ', '\t').StartsWith('/')) return ScriptCheck.System;
        var path = command.Contains('/') ? command : SearchPath(command);
        if (path is null || !File.Exists(path)) return ScriptCheck.NotFound;
        var executable = OperatingSystem.IsWindows() ||
            (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        return ScriptCheck.IsScript | (executable ? ScriptCheck.Executable : ScriptCheck.None);
    }

    private static string? SearchPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);
}
