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

/// <summary>
/// Asks a leaf on the takeover's path (the VRRP socket, GARP) to answer <see cref="CheckpointPassed"/>
/// once it has done what it was told before: a takeover goes on only when its advert, or its
/// gratuitous ARP, is out, however many turns (a leaf's supervisor, while the leaf is being made) lie between.
/// </summary>
public sealed record Checkpoint
{
    public static readonly Checkpoint Instance = new();
}

/// <summary>The answer to <see cref="Checkpoint"/>.</summary>
public sealed record CheckpointPassed
{
    public static readonly CheckpointPassed Instance = new();
}
