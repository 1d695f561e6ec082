namespace Keepalived.Tests.Kernel;

/// <summary>A fact that needs root (network namespaces, raw sockets); skipped with a message otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!NetNs.IsRoot)
            Skip = RootOnly.Reason;
    }
}

/// <summary>A theory that needs root; skipped with a message otherwise.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!NetNs.IsRoot)
            Skip = RootOnly.Reason;
    }
}

internal static class RootOnly
{
    public const string Reason = "needs root: creates network namespaces and raw sockets";
}
