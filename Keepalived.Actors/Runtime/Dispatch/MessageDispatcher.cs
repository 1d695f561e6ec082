namespace Keepalived.Actors.Runtime;

/// <summary>
/// Where an actor's turns run (Akka.NET's dispatchers). The default is the .NET thread pool;
/// <see cref="DedicatedThreadDispatcher"/> runs its actors on threads of their own, so
/// timing-sensitive actors are not queued behind unrelated work. Set with
/// <see cref="Props.WithDispatcher"/>.
/// </summary>
public abstract class MessageDispatcher
{
    /// <summary>The .NET thread pool (the default dispatcher).</summary>
    public static readonly MessageDispatcher ThreadPool = new ThreadPoolDispatcher();

    public abstract string Id { get; }

    /// <summary>
    /// Messages an actor handles per turn before the next actor's turn (Akka.NET's dispatcher
    /// <c>throughput</c>); null: <see cref="ActorSystemSettings.Throughput"/>.
    /// </summary>
    public virtual int? Throughput => null;

    /// <summary>Runs one turn of an actor's mailbox.</summary>
    internal abstract void Schedule(IThreadPoolWorkItem turn);

    private sealed class ThreadPoolDispatcher : MessageDispatcher
    {
        public override string Id => "default-dispatcher";

        internal override void Schedule(IThreadPoolWorkItem turn) =>
            System.Threading.ThreadPool.UnsafeQueueUserWorkItem(turn, preferLocal: true);
    }
}
