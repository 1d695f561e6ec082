using System.Diagnostics;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// Loads a kernel module as keepalived's modprobe() does: with the modprobe the kernel itself
/// uses (/proc/sys/kernel/modprobe), else "modprobe" from PATH. Blocks until it exits (at most
/// <see cref="Timeout"/>): call it off the actor's turn.
/// </summary>
public static class KernelModule
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static bool Load(string module)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(ModprobePath(), ["-q", module])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null) return false;
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string ModprobePath()
    {
        try
        {
            var path = File.ReadAllText("/proc/sys/kernel/modprobe").Trim();
            if (path.Length > 0 && File.Exists(path)) return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return "modprobe";
    }
}
