using Akka.Actor;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// One owner of IPVS entries (a virtual server) as <see cref="IpvsActor"/> keeps it: its last
/// desired state, the entries it created or adopted (in order: they are released in it), the
/// services not retried after EPERM/EINVAL until its desired state changes (with the error),
/// the destinations draining (<see cref="IpvsDrain"/>), and who waits for an <see cref="IpvsActor.Applied"/>.
/// </summary>
internal sealed class IpvsOwner(string name)
{
    public string Name { get; } = name;

    public IpvsActor.DesiredState? Desired { get; set; }

    public IReadOnlyList<IpvsActor.DesiredService> Owned { get; set; } = [];

    public Dictionary<IpvsServiceKey, string> Blocked { get; } = [];

    /// <summary>When each draining destination began to drain, on the time line of <see cref="IpvsActor.State"/>'s clock.</summary>
    public IReadOnlyDictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan> Draining { get; set; } = NotDraining;

    public static readonly IReadOnlyDictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan> NotDraining =
        new Dictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan>();

    public IActorRef? ReplyTo { get; set; }

    /// <summary>The desired state changed since the owner was last planned against the kernel.</summary>
    public bool Dirty { get; set; }

    /// <summary>Same services and destinations, in the same order.</summary>
    public static bool SameDesired(IpvsActor.DesiredState? a, IpvsActor.DesiredState b) =>
        a is not null && a.Services.Count == b.Services.Count &&
        a.Services.Zip(b.Services).All(p => p.First.Service == p.Second.Service &&
            p.First.Destinations.SequenceEqual(p.Second.Destinations));
}
