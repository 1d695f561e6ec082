namespace Keepalived.Actors.Config.Check;

/// <summary>Whether a user or group name exists (keepalived's getpwnam / getgrnam for script users).</summary>
public static class UnixAccounts
{
    public static bool UserExists(string name) => NameIn("/etc/passwd", name);

    public static bool GroupExists(string name) => NameIn("/etc/group", name);

    private static bool NameIn(string file, string name)
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
