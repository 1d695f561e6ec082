using System.Diagnostics;
using Keepalived.Actors.Kernel.Scripts;

namespace Keepalived.Tests.Kernel.Scripts;

/// <summary>The real file system as script security sees it: owners, modes, symlinks.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocalScriptHostTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kn-scripthost-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [RootFact]
    public void Stat_reports_the_owner_of_a_file_and_of_a_symlink_itself()
    {
        var script = Path.Combine(_dir, "check.sh");
        File.WriteAllText(script, "#!/bin/sh\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite);
        var link = Path.Combine(_dir, "check-link");
        File.CreateSymbolicLink(link, script);
        Chown("1234:5678", script);
        Chown("4321:8765", link, "-h");

        var file = LocalScriptHost.Instance.Stat(script);
        Assert.NotNull(file);
        Assert.Equal((true, false, 1234u, 5678u), (file.IsRegular, file.IsSymlink, file.Uid, file.Gid));
        Assert.True(file.Mode.HasFlag(UnixFileMode.OtherWrite));

        var symlink = LocalScriptHost.Instance.Stat(link);
        Assert.NotNull(symlink);
        Assert.Equal((true, 4321u, 8765u), (symlink.IsSymlink, symlink.Uid, symlink.Gid));

        var dir = LocalScriptHost.Instance.Stat(_dir);
        Assert.NotNull(dir);
        Assert.Equal((true, 0u, 0u), (dir.IsDirectory, dir.Uid, dir.Gid));
        Assert.Null(LocalScriptHost.Instance.Stat(Path.Combine(_dir, "missing")));
    }

    private static void Chown(string owner, string path, string? flag = null)
    {
        var info = new ProcessStartInfo("chown") { UseShellExecute = false };
        if (flag is not null) info.ArgumentList.Add(flag);
        info.ArgumentList.Add(owner);
        info.ArgumentList.Add(path);
        using var chown = Process.Start(info)!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }
}
