using System.Diagnostics;

namespace IpvsKernelCheck;

/// <summary>Runs a shell command line in the guest (ipvsadm, rmmod) and returns its output.</summary>
internal static class Shell
{
    public static (int Code, string Output) Run(string command)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", command + " 2>&1"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot run {command}");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    public static string Out(string command) => Run(command).Output;

    /// <summary>ipvsadm -Sn, sorted: the kernel dumps in hash order.</summary>
    public static List<string> Saved() =>
        Out("ipvsadm -Sn").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();

    public static void Clear() => Run("ipvsadm -C");
}
