namespace Keepalived.Actors.Runtime;

/// <summary>The temporary sender of an Ask: its first message completes the task.</summary>
internal sealed class PromiseActorRef : ActorRefBase
{
    private static long s_next;
    private readonly TaskCompletionSource<object> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ICanTell _target;
    private readonly TimeSpan _timeout;

    public PromiseActorRef(string systemName, ICanTell target, TimeSpan timeout)
        : base(ActorPath.Root(systemName) / "temp" / ("$" + Interlocked.Increment(ref s_next)))
    {
        _target = target;
        _timeout = timeout;
    }

    public Task<object> Task => _promise.Task;

    /// <summary>Cancels the timeout once the promise is complete.</summary>
    public Cancelable Timer { get; } = new();

    public override void Tell(object message, IActorRef? sender)
    {
        var done = message is Status.Failure f ? _promise.TrySetException(f.Cause) : _promise.TrySetResult(message);
        if (done) Timer.Cancel();
    }

    public void Expire() => _promise.TrySetException(new AskTimeoutException(
        $"Ask timed out on {(_target as IActorRef)?.Path.ToString() ?? _target.ToString()} after {_timeout.TotalMilliseconds} ms"));

    public void Cancel(CancellationToken token)
    {
        if (_promise.TrySetCanceled(token)) Timer.Cancel();
    }
}
