using Akka.Actor;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// How a leaf made by <see cref="ServiceActor.ActorOfLeaf"/> is told: straight to the leaf while
/// an incarnation of it runs, else to its BackoffSupervisor (before the first incarnation has
/// started, and from a failure until the next one has). The supervisor only forwards, and on
/// the VRRP loop each forward is one more actor turn: every advert of every master would pay
/// it. Supervision is unchanged: a failed leaf is still stopped and made again by its
/// supervisor after the backoff, and what is told to a leaf that is down is lost as it was.
/// One sender's messages keep their order, except across the start of an incarnation: a message
/// still waiting in the supervisor's mailbox then can be overtaken by one told straight to the
/// new incarnation (the senders' first messages, registrations, do not depend on that order).
/// </summary>
public sealed class LeafRef : ICanTell
{
    private readonly Incarnation? _incarnation;

    /// <summary>An actor told always through <paramref name="actor"/> (a test's probe, or a stand-in's supervisor).</summary>
    public LeafRef(IActorRef actor) : this(actor, null) { }

    private LeafRef(IActorRef supervisor, Incarnation? incarnation)
    {
        Supervisor = supervisor;
        _incarnation = incarnation;
    }

    /// <summary>The leaf's supervisor, which keeps the leaf's name: the reference to watch or to hand on.</summary>
    public IActorRef Supervisor { get; }

    /// <summary>The leaf's incarnation that runs now; null while none does (or for a plain actor's <see cref="LeafRef"/>).</summary>
    public IActorRef? Running => _incarnation?.Running;

    public void Tell(object message, IActorRef? sender) => (Running ?? Supervisor).Tell(message, sender);

    /// <summary>Tells with the current actor as the sender (as <c>IActorRef.Tell(message)</c> does).</summary>
    public void Tell(object message) => Tell(message, ActorCell.GetCurrentSelfOrNoSender());

    /// <summary>Makes <paramref name="leaf"/> behind its supervisor as a child of <paramref name="context"/>'s actor.</summary>
    internal static LeafRef ActorOf(IActorContext context, Props leaf, string name)
    {
        var incarnation = new Incarnation();
        var supervisor = context.ActorOf(LeafSupervision.Supervised(new LeafProps(leaf, incarnation), name), name);
        return new LeafRef(supervisor, incarnation);
    }

    /// <summary>The running incarnation of the leaf whose Props are <paramref name="props"/>, if it was made by <see cref="ActorOf"/>.</summary>
    internal static Incarnation? IncarnationOf(Props props) => (props as LeafProps)?.Incarnation;

    /// <summary>
    /// Which incarnation of a leaf runs now: the leaf says so when it has started and when it
    /// stops (<see cref="ServiceActor"/>). Its Props hold it, so every incarnation finds the same one.
    /// </summary>
    internal sealed class Incarnation
    {
        private volatile IActorRef? _running;

        public IActorRef? Running => _running;

        public void Started(IActorRef leaf) => _running = leaf;

        /// <summary>Only the incarnation that runs withdraws (a late stop of an earlier one changes nothing).</summary>
        public void Stopped(IActorRef leaf) => Interlocked.CompareExchange(ref _running, null, leaf);
    }

    /// <summary>A leaf's Props that carry its <see cref="Incarnation"/> through every copy Akka makes of them.</summary>
    private sealed class LeafProps(Props leaf, Incarnation incarnation) : Props(leaf)
    {
        public Incarnation Incarnation { get; } = incarnation;

        protected override Props Copy() => new LeafProps(base.Copy(), Incarnation);
    }
}
