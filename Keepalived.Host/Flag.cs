namespace Keepalived.Host;

/// <summary>One of keepalived's command-line flags: its long and short names, whether a value follows it, and its help line.</summary>
public sealed record Flag(string Long, string? Short, bool TakesValue, string Description)
{
    /// <summary>Whether <paramref name="word"/> names this flag, as keepalived spells it.</summary>
    public bool IsNamed(string word) => word == Long || (Short is not null && word == Short);
}
