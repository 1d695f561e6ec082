namespace Keepalived.Actors.Kernel;

/// <summary>
/// Asks a leaf actor to answer <see cref="Flushed"/>: since a mailbox is processed in order,
/// the answer means everything told before it has been done (used at shutdown, so the
/// priority-0 adverts are on the wire before the process exits).
/// </summary>
public sealed record Flush
{
    public static readonly Flush Instance = new();
}

/// <summary>The answer to <see cref="Flush"/>.</summary>
public sealed record Flushed
{
    public static readonly Flushed Instance = new();
}
