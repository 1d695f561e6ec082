namespace Keepalived.Tests.Kernel;

/// <summary>
/// A fact that needs root (network namespaces, raw sockets), and optionally a tool on the PATH;
/// skipped with a message otherwise.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute() => Skip = RootOnly.SkipReason(null);

    /// <summary>A program the test runs (tshark, keepalived).</summary>
    public string? Tool
    {
        get => null;
        init => Skip = RootOnly.SkipReason(value);
    }
}

/// <summary>A theory that needs root, and optionally a tool; skipped with a message otherwise.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute() => Skip = RootOnly.SkipReason(null);

    public string? Tool
    {
        get => null;
        init => Skip = RootOnly.SkipReason(value);
    }
}

internal static class RootOnly
{
    public static string? SkipReason(string? tool)
    {
        if (!NetNs.IsRoot)
            return "needs root: creates network namespaces and raw sockets";
        if (tool is not null && FindOnPath(tool) is null)
            return $"needs {tool} on the PATH (apt-get install -y {tool})";
        return null;
    }

    public static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/usr/sbin")
            .Split(':').Append("/usr/sbin").Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
}
