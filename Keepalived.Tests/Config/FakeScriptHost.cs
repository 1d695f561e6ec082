using Keepalived.Actors.Config.Global;

namespace Keepalived.Tests.Config;

/// <summary>A machine for the script-security check: root-owned system directories, scripts added by path.</summary>
internal sealed class FakeScriptHost : IScriptHost
{
    public Dictionary<string, ScriptFileInfo> Files { get; } = new()
    {
        ["/"] = Dir(0, 0x1ED), ["/etc"] = Dir(0, 0x1ED), ["/etc/keepalived"] = Dir(0, 0x1ED),
        ["/bin"] = Dir(0, 0x1ED), ["/usr"] = Dir(0, 0x1ED), ["/usr/bin"] = Dir(0, 0x1ED),
    };

    public static ScriptFileInfo Dir(uint uid, int mode) => new(true, false, false, uid, 0, (UnixFileMode)mode);
    public static ScriptFileInfo File(uint uid, int mode) => new(false, true, false, uid, 0, (UnixFileMode)mode);

    /// <summary>Adds root-owned executables (mode 0755).</summary>
    public FakeScriptHost WithScripts(params string[] paths)
    {
        foreach (var p in paths) Files[p] = File(0, 0x1ED);
        return this;
    }

    public (uint Uid, uint Gid)? LookupUser(string name) => name == "root" ? (0, 0) : null;
    public uint? LookupGroup(string name) => name == "root" ? 0 : null;
    /// <summary>Symbolic links to directories: path → target (e.g. a usr-merged /bin → /usr/bin).</summary>
    public Dictionary<string, string> Links { get; } = [];

    /// <summary>Makes <paramref name="path"/> a link (owned by root) to the directory <paramref name="target"/>.</summary>
    public FakeScriptHost WithLink(string path, string target)
    {
        Links[path] = target;
        Files[path] = new ScriptFileInfo(false, false, true, 0, 0, (UnixFileMode)0x1FF);
        return this;
    }

    /// <summary>lstat-like for a link itself, stat-like below it.</summary>
    public ScriptFileInfo? Stat(string path) => Files.GetValueOrDefault(Resolve(path));

    public string? RealPath(string path) => Files.ContainsKey(Resolve(path)) ? Resolve(path) : null;

    private string Resolve(string path)
    {
        foreach (var (link, target) in Links)
            if (path.StartsWith(link + "/", StringComparison.Ordinal)) return target + path[link.Length..];
        return path;
    }
    public IReadOnlyList<string> SearchPath => ["/usr/bin"];
    public (uint Uid, uint Gid) Self => (0, 0);
}
