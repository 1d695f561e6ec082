namespace Keepalived.Host;

/// <summary>
/// keepalived's pid files (<c>-p</c>, <c>-r</c>, <c>-c</c>). keepalived-net is one process, so
/// the VRRP and checker files hold the same pid as the parent's, written only when that
/// subsystem runs, as keepalived writes a child's file only when it starts the child. The
/// files are removed on a clean stop.
/// </summary>
internal sealed class PidFiles : IDisposable
{
    public const string DefaultParent = "/run/keepalived.pid";
    public const string DefaultVrrp = "/run/vrrp.pid";
    public const string DefaultCheckers = "/run/checkers.pid";

    private readonly List<string> _written = [];

    public void Write(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        // write then rename, so a reader never sees an empty file
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, $"{Environment.ProcessId}\n");
        File.Move(temporary, path, overwrite: true);
        _written.Add(path);
    }

    public void Dispose()
    {
        foreach (var path in _written)
        {
            try { File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        _written.Clear();
    }
}
