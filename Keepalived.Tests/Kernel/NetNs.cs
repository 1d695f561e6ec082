using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Keepalived.Tests.Kernel;

/// <summary>
/// A network namespace a test creates and deletes (<c>ip netns add/del</c>), its <c>ip</c>
/// commands, and running code inside it: <see cref="Run{T}"/> moves a dedicated thread into the
/// namespace with setns(CLONE_NEWNET), so sockets opened there belong to it (and keep belonging
/// to it when used from other threads afterwards).
/// </summary>
public sealed partial class NetNs : IDisposable
{
    private const int CLONE_NEWNET = 0x40000000;
    private static int _counter;

    private NetNs(string name) => Name = name;

    public string Name { get; }

    /// <summary>Needs root (CAP_SYS_ADMIN / CAP_NET_ADMIN) for namespaces and raw sockets.</summary>
    public static bool IsRoot => GetEUid() == 0;

    /// <summary>A new namespace with a unique name (prefix, process id, counter) and lo up.</summary>
    public static NetNs Create(string prefix = "kt")
    {
        string name = $"{prefix}{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
        RunIp("netns", "add", name);
        var ns = new NetNs(name);
        try
        {
            ns.Ip("link", "set", "lo", "up");
            return ns;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary><c>ip -n NAME args</c>; throws with ip's message when it fails.</summary>
    public string Ip(params string[] args) => RunIp(["-n", Name, .. args]);

    /// <summary>A command inside the namespace (<c>ip netns exec NAME ...</c>).</summary>
    public string Exec(params string[] command) => RunIp(["netns", "exec", Name, .. command]);

    /// <summary>Runs <paramref name="action"/> on a thread inside the namespace and returns its result.</summary>
    public T Run<T>(Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using SafeFileHandle original = File.OpenHandle("/proc/thread-self/ns/net");
                using SafeFileHandle target = File.OpenHandle($"/var/run/netns/{Name}");
                Enter(target, "enter");
                try
                {
                    result = action();
                }
                finally
                {
                    Enter(original, "restore");
                }
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }) { IsBackground = true, Name = $"netns {Name}" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    public void Run(Action action) => Run(() => { action(); return 0; });

    public void Dispose()
    {
        try
        {
            RunIp("netns", "del", Name);
        }
        catch (InvalidOperationException)
        {
            // already gone; nothing to clean up
        }
    }

    private static void Enter(SafeFileHandle handle, string what)
    {
        if (SetNs(handle, CLONE_NEWNET) != 0)
            throw new InvalidOperationException($"setns ({what}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private static string RunIp(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            start.ArgumentList.Add(a);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ip");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', args)}: exit {process.ExitCode}: {stderr.Result.Trim()}");
        return stdout;
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(SafeFileHandle fd, int nsType);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEUid();
}
