namespace Keepalived.Actors.Runtime;

/// <summary>Ask: send a message and get the reply as a task.</summary>
public static class Futures
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and completes with the first reply:
    /// <see cref="Status.Failure"/> faults the task, a reply that is not a <typeparamref name="T"/>
    /// faults it with <see cref="InvalidCastException"/>, no reply within
    /// <paramref name="timeout"/> (the system's AskTimeout if null) faults it with
    /// <see cref="AskTimeoutException"/>. Asking a dead actor therefore times out; it never hangs.
    /// </summary>
    public static async Task<T> Ask<T>(this ICanTell receiver, object message, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var reply = await receiver.Ask(message, timeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            T typed => typed,
            Status.Success { Status: T typed } => typed,
            _ => throw new InvalidCastException(
                $"Ask expected a reply of type {typeof(T).Name} but got {reply?.GetType().Name ?? "null"}"),
        };
    }

    public static Task<object> Ask(this ICanTell receiver, object message, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var system = (receiver as LocalActorRef)?.System;
        var limit = timeout ?? system?.Settings.AskTimeout ?? TimeSpan.FromSeconds(10);
        var promise = new PromiseActorRef(system?.Name ?? "temp", receiver, limit);
        var scheduler = system?.Scheduler.Advanced;
        if (scheduler is not null) scheduler.ScheduleOnce(limit, promise.Expire, promise.Timer);
        else _ = Task.Delay(limit).ContinueWith(_ => promise.Expire(), TaskScheduler.Default);
        if (cancellationToken.CanBeCanceled)
            cancellationToken.Register(() => promise.Cancel(cancellationToken));
        receiver.Tell(message, promise);
        return promise.Task;
    }
}
