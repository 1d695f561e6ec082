namespace Keepalived.Actors.Runtime;

/// <summary>The ref of an actor living in this process.</summary>
internal sealed class LocalActorRef : ActorRefBase
{
    internal LocalActorRef(ActorPath path, ActorCell cell) : base(path) => Cell = cell;

    internal ActorCell Cell { get; }

    internal ActorSystem System => Cell.System;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Post(new Envelope(message, sender));
    }

    internal void SendSystemMessage(SystemMessage message) => Cell.SendSystem(message);
}
