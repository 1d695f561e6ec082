using Keepalived.Actors.Config.Global;
using Tmds.Linux;
using static Keepalived.Actors.Kernel.Libc.LibcCalls;

namespace Keepalived.Actors.Kernel.Scripts;

/// <summary>
/// The real machine: /etc/passwd, /etc/group and the file system. It lives here, not with the
/// configuration that asks it, because the owner of a file is only known through statx.
/// </summary>
public sealed class LocalScriptHost : IScriptHost
{
    public static readonly LocalScriptHost Instance = new();

    public (uint Uid, uint Gid)? LookupUser(string name)
    {
        foreach (var f in Entries("/etc/passwd"))
            if (f.Length >= 4 && f[0] == name && uint.TryParse(f[2], out var uid) && uint.TryParse(f[3], out var gid))
                return (uid, gid);
        return null;
    }

    public uint? LookupGroup(string name)
    {
        foreach (var f in Entries("/etc/group"))
            if (f.Length >= 3 && f[0] == name && uint.TryParse(f[2], out var gid))
                return gid;
        return null;
    }

    public ScriptFileInfo? Stat(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists && !Directory.Exists(path)) return info.LinkTarget is null ? null : Describe(info, path);
            return Describe(info, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static ScriptFileInfo Describe(FileInfo info, string path)
    {
        var isLink = info.LinkTarget is not null;
        var isDir = !isLink && Directory.Exists(path);
        var (uid, gid) = Owner(path);
        var mode = isDir ? new DirectoryInfo(path).UnixFileMode : info.UnixFileMode;
        return new ScriptFileInfo(isDir, !isDir && !isLink, isLink, uid, gid, mode);
    }

    /// <summary>The owner of <paramref name="path"/> itself (a symlink's own, as lstat reports it).</summary>
    private static unsafe (uint, uint) Owner(string path)
    {
        statx buffer = default;
        if (StatX(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_UID | STATX_GID, &buffer) != 0)
            return (0, 0);
        return (buffer.stx_uid, buffer.stx_gid);
    }

    public string? RealPath(string path)
    {
        try
        {
            if (!File.Exists(path) && !Directory.Exists(path)) return null;
            var full = Path.GetFullPath(path);
            var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var current = "/";
            foreach (var part in parts)
            {
                current = Path.Combine(current, part);
                for (var hops = 0; hops < 40; hops++)
                {
                    var target = new FileInfo(current).LinkTarget;
                    if (target is null) break;
                    current = Path.GetFullPath(target, Path.GetDirectoryName(current) ?? "/");
                }
            }
            return current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public IReadOnlyList<string> SearchPath =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/bin:/usr/bin").Split(':');

    public (uint Uid, uint Gid) Self => (0, 0);

    private static IEnumerable<string[]> Entries(string file)
    {
        string[] lines;
        try { lines = File.ReadAllLines(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { yield break; }
        foreach (var l in lines) yield return l.Split(':');
    }
}
