using Keepalived.Actors.Runtime;

namespace Keepalived.Tests.ActorTesting.Tests;

/// <summary>Blocks the actor that handles it until the test releases it.</summary>
public sealed class Gate
{
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _released = new();

    public void Pass()
    {
        _entered.Set();
        if (!_released.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("gate never released");
    }

    /// <summary>Waits until an actor is inside the gate.</summary>
    public void AwaitEntered()
    {
        if (!_entered.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("nobody entered the gate");
    }

    public void Release() => _released.Set();
}

/// <summary>Asks a <see cref="LifecycleActor"/> to create a child.</summary>
public sealed record CreateChild(Props Props, string Name);

/// <summary>
/// Reports its lifecycle and messages to a probe as "id:event" strings; "throw" makes it fail,
/// "count" increments its state, a <see cref="Gate"/> blocks it.
/// </summary>
public sealed class LifecycleActor : ServiceActor
{
    private readonly IActorRef _probe;
    private readonly string _id;
    private readonly Func<IActorContext, IEnumerable<Props>>? _children;
    private readonly SupervisorStrategy? _strategy;
    private int _count;

    public LifecycleActor(IActorRef probe, string id, Func<IActorContext, IEnumerable<Props>>? children = null,
        SupervisorStrategy? strategy = null)
    {
        _probe = probe;
        _id = id;
        _children = children;
        _strategy = strategy;
        ReceiveAny(Handle);
    }

    public static Props Props(IActorRef probe, string id, Func<IActorContext, IEnumerable<Props>>? children = null,
        SupervisorStrategy? strategy = null) =>
        Akka.Actor.Props.Create(() => new LifecycleActor(probe, id, children, strategy));

    protected override void PreStart()
    {
        _probe.Tell($"{_id}:PreStart");
        var i = 0;
        foreach (var child in _children?.Invoke(Context) ?? []) ActorOfLeaf(child, $"c{i++}");
    }

    protected override void PostStop() => _probe.Tell($"{_id}:PostStop");

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell($"{_id}:PreRestart:{message}");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell($"{_id}:PostRestart:{reason.Message}");
        base.PostRestart(reason);
    }

    protected override SupervisorStrategy SupervisorStrategy() => _strategy ?? base.SupervisorStrategy();

    private void Handle(object message)
    {
        switch (message)
        {
            case "throw":
                throw new InvalidOperationException($"{_id} failed");
            case "count":
                _probe.Tell($"{_id}:count={++_count}");
                break;
            case Gate gate:
                gate.Pass();
                break;
            case CreateChild c:
                Sender.Tell(ActorOfLeaf(c.Props, c.Name).Supervisor);
                break;
            case string s:
                _probe.Tell($"{_id}:{s}");
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
