using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Tests.ActorTesting;

/// <summary>
/// Fault injection for a test's actor system (the <see cref="IActorInterceptor"/> that
/// <see cref="ServiceActor"/>s consult): choose actors by path (globs: <c>*</c> one element,
/// <c>**</c> any depth), by actor type or by Props, then make them throw, stall or stop on their
/// next message (or the next one matching a predicate); or replace a leaf actor's Props by name
/// before its parent makes it.
/// </summary>
public sealed class FaultInjector : IActorInterceptor
{
    private readonly Lock _lock = new();
    private readonly List<InjectedFault> _faults = [];
    private readonly List<(Func<ActorPath, bool> Match, Props Props)> _replacements = [];
    private volatile bool _armed;

    /// <summary>Selects actors by path: <c>/user/watchdog/vrrp/VI_1</c>, <c>/user/*/vrrp/*</c>, <c>/user/**</c>.</summary>
    public FaultSelector On(string pathPattern) => new(this, PathMatcher(pathPattern), pathPattern);

    /// <summary>Selects every actor of this class.</summary>
    public FaultSelector On<TActor>() where TActor : ActorBase =>
        new(this, (_, props) => props.Type == typeof(TActor), typeof(TActor).Name);

    /// <summary>Selects the actors created from this Props instance.</summary>
    public FaultSelector On(Props props) => new(this, (_, p) => ReferenceEquals(p, props), props.Type.Name);

    /// <summary>
    /// Every actor created later whose name is <paramref name="nameOrPath"/> (or whose path
    /// matches it, when it starts with '/') gets <paramref name="replacement"/> instead of its Props.
    /// </summary>
    public void ReplaceProps(string nameOrPath, Props replacement)
    {
        Func<ActorPath, bool> match = p => p.Name == nameOrPath;
        if (nameOrPath.StartsWith('/'))
        {
            var byPath = PathMatcher(nameOrPath);
            match = p => byPath(p, replacement);
        }
        lock (_lock) _replacements.Add((match, replacement));
    }

    Props IActorInterceptor.ResolveProps(IActorContext parent, string name, Props props)
    {
        var path = parent.Self.Path / name;
        lock (_lock)
            foreach (var (match, replacement) in _replacements)
                if (match(path)) return replacement;
        return props;
    }

    bool IActorInterceptor.BeforeReceive(IActorContext context, object message)
    {
        if (!_armed) return true;
        InjectedFault? fault;
        lock (_lock)
        {
            fault = _faults.FirstOrDefault(f => f.Matches(context, message));
            if (fault is null) return true;
            if (fault.Consume()) _faults.Remove(fault);
            _armed = _faults.Count > 0;
        }
        return fault.Apply(context, message);
    }

    internal InjectedFault Add(InjectedFault fault)
    {
        lock (_lock)
        {
            _faults.Add(fault);
            _armed = true;
        }
        return fault;
    }

    internal void Remove(InjectedFault fault)
    {
        lock (_lock)
        {
            _faults.Remove(fault);
            _armed = _faults.Count > 0;
        }
    }

    private static Func<ActorPath, Props, bool> PathMatcher(string pattern)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$",
            RegexOptions.CultureInvariant);
        return (path, _) => regex.IsMatch(path.ToStringWithoutAddress());
    }
}

/// <summary>The actors a fault applies to, and optionally which messages trigger it.</summary>
public sealed class FaultSelector
{
    private readonly FaultInjector _owner;
    private readonly Func<ActorPath, Props, bool> _actors;
    private readonly string _description;
    private Func<object, bool> _trigger = _ => true;

    internal FaultSelector(FaultInjector owner, Func<ActorPath, Props, bool> actors, string description)
    {
        _owner = owner;
        _actors = actors;
        _description = description;
    }

    /// <summary>Triggers only on messages matching <paramref name="predicate"/> (others pass through).</summary>
    public FaultSelector When(Func<object, bool> predicate)
    {
        _trigger = predicate;
        return this;
    }

    /// <summary>The next matching message makes the actor throw (<see cref="InjectedFaultException"/> by default).</summary>
    public InjectedFault Throw(Exception? exception = null, int times = 1) =>
        Add(times, (ctx, _) => throw exception ?? new InjectedFaultException($"Injected fault in {ctx.Self.Path}"));

    /// <summary>The actor blocks its thread for <paramref name="duration"/> (real time) before handling the message.</summary>
    public InjectedFault Stall(TimeSpan duration, int times = 1) => Add(times, (_, _) =>
    {
        Thread.Sleep(duration);
        return true;
    });

    /// <summary>
    /// The actor hangs before handling the next matching message until <see cref="InjectedFault.Release"/>
    /// (or <paramref name="limit"/>, 30 s by default, so a forgotten release cannot hang the run).
    /// </summary>
    public InjectedFault Hang(TimeSpan? limit = null)
    {
        var fault = Add(1, (_, _) => true);
        fault.Gate = limit ?? TimeSpan.FromSeconds(30);
        return fault;
    }

    /// <summary>The actor stops instead of handling the next matching message (which becomes a dead letter).</summary>
    public InjectedFault Stop() => Add(1, (ctx, message) =>
    {
        ctx.Stop(ctx.Self);
        ctx.System.DeadLetters.Tell(new DeadLetter(message, ctx.Sender, ctx.Self), ActorRefs.NoSender);
        return false;
    });

    private InjectedFault Add(int times, Func<IActorContext, object, bool> apply) =>
        _owner.Add(new InjectedFault(_owner, (ctx, m) => _actors(ctx.Self.Path, ctx.Props) && _trigger(m), apply, times, _description));
}

/// <summary>A fault waiting to trigger (or triggered); <see cref="WhenTriggered"/> lets a test wait for it.</summary>
public sealed class InjectedFault
{
    private readonly FaultInjector _owner;
    private readonly Func<IActorContext, object, bool> _matches;
    private readonly Func<IActorContext, object, bool> _apply;
    private readonly TaskCompletionSource<IActorRef> _triggered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;
    private int _count;

    internal InjectedFault(FaultInjector owner, Func<IActorContext, object, bool> matches,
        Func<IActorContext, object, bool> apply, int times, string description)
    {
        _owner = owner;
        _matches = matches;
        _apply = apply;
        _remaining = times;
        Description = description;
    }

    public string Description { get; }

    /// <summary>How many times the fault has fired.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Completes with the actor the fault first fired in.</summary>
    public Task<IActorRef> WhenTriggered => _triggered.Task;

    /// <summary>Disarms the fault.</summary>
    public void Remove() => _owner.Remove(this);

    internal bool Matches(IActorContext context, object message) => _matches(context, message);

    /// <summary>Counts one use; true when it was the last one.</summary>
    internal bool Consume() => --_remaining <= 0;

    /// <summary>Set for <see cref="FaultSelector.Hang"/>: how long the hang lasts at most.</summary>
    internal TimeSpan? Gate { get; set; }

    private readonly ManualResetEventSlim _released = new();

    /// <summary>Ends a hang (<see cref="FaultSelector.Hang"/>).</summary>
    public void Release() => _released.Set();

    internal bool Apply(IActorContext context, object message)
    {
        Interlocked.Increment(ref _count);
        _triggered.TrySetResult(context.Self);
        if (Gate is { } limit) _released.Wait(limit);
        return _apply(context, message);
    }
}

/// <summary>The default exception of <see cref="FaultSelector.Throw"/>.</summary>
public sealed class InjectedFaultException(string message) : Exception(message);
