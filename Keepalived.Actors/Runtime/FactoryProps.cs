using Akka.Actor;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// Props made from a factory delegate (Akka's <see cref="IIndirectActorProducer"/>), instead of
/// <c>Props.Create(() =&gt; new X(...))</c>: Akka reads that expression tree and compiles every
/// argument that is not a constant or a captured variable, and the first compile of a process
/// loads and runs the expression compiler, tens of milliseconds on the way to the first advert.
/// The factory runs again for every incarnation, so state an actor must keep across them is made
/// outside it and captured.
/// </summary>
public static class FactoryProps
{
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase =>
        Props.CreateBy(new Producer<TActor>(factory));

    private sealed class Producer<TActor>(Func<TActor> factory) : IIndirectActorProducer where TActor : ActorBase
    {
        public Type ActorType => typeof(TActor);

        public ActorBase Produce() => factory();

        public void Release(ActorBase actor) { }
    }
}
