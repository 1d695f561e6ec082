namespace Keepalived.Actors.Config;

/// <summary>
/// Resolves the user (and group) a script runs as, as keepalived's set_uid_gid does with
/// getpwnam/getgrnam, from /etc/passwd and /etc/group. Failures are logged as keepalived logs them.
/// </summary>
public class ScriptUsers
{
    public static readonly ScriptUsers Local = new();

    public virtual bool UserExists(string user) => Lookup("/etc/passwd", user);

    public virtual bool GroupExists(string group) => Lookup("/etc/group", group);

    /// <summary>True when both resolve; otherwise logs why through <paramref name="log"/>.</summary>
    public bool Resolve(string user, string? group, Action<string> log)
    {
        if (!UserExists(user))
        {
            log($"Script user '{user}' does not exist");
            return false;
        }
        if (group is not null && !GroupExists(group))
        {
            log($"Script group '{group}' does not exist");
            return false;
        }
        return true;
    }

    private static bool Lookup(string file, string name)
    {
        try
        {
            return File.Exists(file) && File.ReadLines(file).Any(l => l.Split(':')[0] == name);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
