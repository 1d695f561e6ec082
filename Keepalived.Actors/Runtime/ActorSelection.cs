namespace Keepalived.Actors.Runtime;

/// <summary>
/// An actor named by its path, e.g. <c>/user/watchdog/vrrp</c> (no wildcards): the path is
/// resolved at each use, so it reaches whichever incarnation lives there then.
/// </summary>
public sealed class ActorSelection : ICanTell
{
    private readonly ActorSystem _system;
    private readonly string[] _elements;

    internal ActorSelection(ActorSystem system, string path)
    {
        _system = system;
        PathString = path;
        _elements = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    public string PathString { get; }

    /// <summary>Tells the actor living at the path now, or dead letters.</summary>
    public void Tell(object message, IActorRef? sender)
    {
        var target = Resolve();
        (target.IsNobody() ? _system.DeadLetters : target).Tell(message, sender);
    }

    /// <summary>The actor living at the path; faults with <see cref="ActorNotFoundException"/> if there is none.</summary>
    public Task<IActorRef> ResolveOne(TimeSpan timeout)
    {
        var target = Resolve();
        return target.IsNobody()
            ? Task.FromException<IActorRef>(new ActorNotFoundException($"No actor at {PathString}"))
            : Task.FromResult(target);
    }

    private IActorRef Resolve()
    {
        IActorRef current = _system.RootRef;
        foreach (var name in _elements)
        {
            if (current is not LocalActorRef local) return ActorRefs.Nobody;
            current = local.Cell.Child(name);
        }
        return current;
    }

    public override string ToString() => $"ActorSelection[{PathString}]";
}
