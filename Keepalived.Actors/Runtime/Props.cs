namespace Keepalived.Actors.Runtime;

/// <summary>
/// The recipe for an actor: how to make an instance (again, on restart) and how to supervise its
/// children. Immutable; the <c>With*</c> methods return copies.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type type, Func<ActorBase> factory, SupervisorStrategy? strategy, MessageDispatcher? dispatcher = null)
    {
        Type = type;
        _factory = factory;
        SupervisorStrategy = strategy;
        Dispatcher = dispatcher ?? MessageDispatcher.ThreadPool;
    }

    /// <summary>The actor's class.</summary>
    public Type Type { get; }

    /// <summary>Overrides the actor's own <see cref="ActorBase.SupervisorStrategy"/> when set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Where the actor's turns run; the thread pool unless <see cref="WithDispatcher"/> says otherwise.</summary>
    public MessageDispatcher Dispatcher { get; }

    /// <summary><c>Props.Create(() =&gt; new MyActor(arg))</c>: the factory runs again on every restart.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase =>
        new(typeof(TActor), factory, null);

    /// <summary>Props for an actor with a parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ActorBase, new() =>
        new(typeof(TActor), static () => new TActor(), null);

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(Type, _factory, strategy, Dispatcher);

    public Props WithDispatcher(MessageDispatcher dispatcher) => new(Type, _factory, SupervisorStrategy, dispatcher);

    internal ActorBase NewActor() => _factory();

    public override string ToString() => $"Props({Type.Name})";
}
