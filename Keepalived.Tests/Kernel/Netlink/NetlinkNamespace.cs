using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Keepalived.Tests.Kernel.Netlink;

/// <summary>
/// A network namespace the test creates (<c>ip netns add</c>) and deletes on Dispose, with a
/// veth pair ve0/ve1 inside it. <see cref="Enter{T}"/> runs code on a dedicated thread that has
/// joined the namespace with setns(2): sockets opened there stay in the namespace.
/// (To merge with Keepalived.Tests/Kernel/NetNs.cs.)
/// </summary>
internal sealed partial class NetlinkNamespace : IDisposable
{
    private const int CLONE_NEWNET = 0x40000000;
    private static int _counter;

    public string Name { get; }

    private NetlinkNamespace(string name) => Name = name;

    public static NetlinkNamespace Create()
    {
        var name = $"kanl{Environment.ProcessId}x{Interlocked.Increment(ref _counter)}";
        Run("ip", $"netns add {name}");
        var ns = new NetlinkNamespace(name);
        try
        {
            ns.Ip("link add ve0 type veth peer name ve1");
            ns.Ip("link set lo up");
        }
        catch
        {
            ns.Dispose();
            throw;
        }
        return ns;
    }

    /// <summary>Runs <c>ip -n NAME args</c>; returns its output, throws when it fails.</summary>
    public string Ip(string arguments) => Run("ip", $"-n {Name} {arguments}");

    /// <summary>Runs <paramref name="action"/> on a fresh thread inside the namespace.</summary>
    public T Enter<T>(Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{Name}");
                if (SetNs((int)handle.DangerousGetHandle(), CLONE_NEWNET) != 0)
                    throw new InvalidOperationException($"setns {Name}: errno {Marshal.GetLastPInvokeError()}");
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
            throw new InvalidOperationException($"in namespace {Name}: {failure.Message}", failure);
        return result;
    }

    public void Dispose() => Run("ip", $"netns del {Name}", check: false);

    private static string Run(string file, string arguments, bool check = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments}: exit {process.ExitCode}: {stderr}");
        return stdout.Result;
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
