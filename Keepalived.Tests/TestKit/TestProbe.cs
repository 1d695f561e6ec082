namespace Keepalived.Actors.Runtime.TestKit;

/// <summary>
/// A second test actor with its own queue of expectations; pass <see cref="Ref"/> where an
/// actor expects a collaborator.
/// </summary>
public sealed class TestProbe : TestKitBase
{
    internal TestProbe(ActorSystem system, string? name)
        : base(system, name is null ? null : name + "-" + Guid.NewGuid().ToString("N")[..6]) { }

    public IActorRef Ref => TestActor;

    /// <summary>Tells <paramref name="message"/> to the probe, as if <paramref name="sender"/> sent it.</summary>
    public void Tell(object message, IActorRef? sender = null) => Ref.Tell(message, sender);

    public override string ToString() => $"TestProbe({Ref.Path})";
}
