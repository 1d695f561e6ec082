namespace Keepalived.Actors.Runtime;

/// <summary>Anything a message can be told to.</summary>
public interface ICanTell
{
    /// <summary>Sends <paramref name="message"/> asynchronously; <paramref name="sender"/> may be <see cref="ActorRefs.NoSender"/>.</summary>
    void Tell(object message, IActorRef? sender);
}

/// <summary>
/// An immutable, thread-safe handle to one incarnation of an actor. Two refs are equal when
/// they name the same path and the same incarnation (uid).
/// </summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    ActorPath Path { get; }
}

/// <summary>Well-known refs.</summary>
public static class ActorRefs
{
    /// <summary>A ref that swallows every message; the "no actor" value (never null).</summary>
    public static readonly IActorRef Nobody = new NobodyActorRef();

    /// <summary>Use as sender where there is none (replies then go to dead letters).</summary>
    public static readonly IActorRef? NoSender = null;

    private sealed class NobodyActorRef : ActorRefBase
    {
        public NobodyActorRef() : base(ActorPath.Root("nobody") / "Nobody") { }

        public override void Tell(object message, IActorRef? sender) { }
    }
}

/// <summary>Equality and ordering shared by all refs: same path and same incarnation.</summary>
public abstract class ActorRefBase : IActorRef
{
    protected ActorRefBase(ActorPath path) => Path = path;

    public ActorPath Path { get; }

    public abstract void Tell(object message, IActorRef? sender);

    public bool Equals(IActorRef? other) =>
        other is not null && Path.Equals(other.Path) && Path.Uid == other.Path.Uid;

    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Path, Path.Uid);

    public int CompareTo(IActorRef? other)
    {
        if (other is null) return 1;
        var c = Path.CompareTo(other.Path);
        return c != 0 ? c : Path.Uid.CompareTo(other.Path.Uid);
    }

    public override string ToString() => $"[{Path}#{Path.Uid}]";
}
