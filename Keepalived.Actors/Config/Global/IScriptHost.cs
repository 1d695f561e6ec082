namespace Keepalived.Actors.Config.Global;

/// <summary>What a file on the script's path looks like (stat without following the last link).</summary>
public sealed record ScriptFileInfo(bool IsDirectory, bool IsRegular, bool IsSymlink, uint Uid, uint Gid, UnixFileMode Mode);

/// <summary>
/// The machine as the script-security check sees it: users, groups, files. Tests substitute
/// their own to fake ownership and modes.
/// </summary>
public interface IScriptHost
{
    /// <summary>getpwnam: the user's uid and primary gid, or null when there is no such user.</summary>
    (uint Uid, uint Gid)? LookupUser(string name);

    /// <summary>getgrnam: the group's gid, or null.</summary>
    uint? LookupGroup(string name);

    /// <summary>lstat; null when the path does not exist.</summary>
    ScriptFileInfo? Stat(string path);

    /// <summary>realpath: the path with links resolved, or null when it cannot be resolved.</summary>
    string? RealPath(string path);

    /// <summary>The directories of PATH, in order.</summary>
    IReadOnlyList<string> SearchPath { get; }

    /// <summary>Our own uid and gid (root when keepalived runs).</summary>
    (uint Uid, uint Gid) Self { get; }
}
