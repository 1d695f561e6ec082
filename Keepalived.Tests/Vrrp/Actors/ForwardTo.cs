namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>Stands in for a leaf actor: forwards everything to a probe, keeping the sender so the probe can reply.</summary>
internal sealed class ForwardTo : ReceiveActor
{
    public ForwardTo(IActorRef target) => ReceiveAny(target.Forward);

    public static Props For(TestProbe target) => Props.Create(() => new ForwardTo(target.Ref));
}
