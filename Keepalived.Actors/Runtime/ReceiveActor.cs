namespace Keepalived.Actors.Runtime;

/// <summary>
/// An actor whose behaviour is a list of typed handlers, declared in the constructor with
/// <c>Receive&lt;T&gt;</c> and tried in order. <see cref="Become(Action)"/> swaps the list.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private HandlerList _initial = new();
    private HandlerList? _configuring;

    protected ReceiveActor() => _configuring = _initial;

    protected internal sealed override bool Receive(object message)
    {
        // The constructor has finished by the first message: handlers are fixed from now on.
        _configuring = null;
        return _initial.Handle(message);
    }

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null) =>
        Builder.Add(new ActionHandler<T>(handler, shouldHandle));

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Builder.Add(new ActionHandler<T>(handler, shouldHandle));

    /// <summary>A handler that may decline a message by returning false.</summary>
    protected void Receive<T>(Func<T, bool> handler) => Builder.Add(new FuncHandler<T>(handler));

    /// <summary>Handles every message that reaches it; put it last.</summary>
    protected void ReceiveAny(Action<object> handler) => Builder.Add(new ActionHandler<object>(handler, null));

    /// <summary>Replaces the behaviour with the handlers that <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure).Handle);

    /// <summary>Pushes the handlers that <paramref name="configure"/> declares; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure).Handle);

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    private HandlerList Build(Action configure)
    {
        var previous = _configuring;
        var list = new HandlerList();
        _configuring = list;
        try { configure(); }
        finally { _configuring = previous; }
        return list;
    }

    private HandlerList Builder => _configuring
        ?? throw new InvalidOperationException("Receive<T> can only be called in the constructor or inside Become(...)");

    private sealed class HandlerList
    {
        private IHandler[] _handlers = [];

        public void Add(IHandler handler) => _handlers = [.. _handlers, handler];

        public bool Handle(object message)
        {
            foreach (var h in _handlers)
                if (h.TryHandle(message)) return true;
            return false;
        }
    }

    private interface IHandler
    {
        bool TryHandle(object message);
    }

    private sealed class ActionHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : IHandler
    {
        public bool TryHandle(object message)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            handler(typed);
            return true;
        }
    }

    private sealed class FuncHandler<T>(Func<T, bool> handler) : IHandler
    {
        public bool TryHandle(object message) => message is T typed && handler(typed);
    }
}
