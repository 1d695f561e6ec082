namespace Keepalived.Actors.Runtime;

/// <summary>PipeTo: send a task's outcome to an actor as a message.</summary>
public static class PipeToSupport
{
    /// <summary>
    /// When <paramref name="task"/> completes, tells <paramref name="recipient"/> its result (or
    /// <paramref name="success"/> of it), or <see cref="Status.Failure"/> (or <paramref name="failure"/>
    /// of the exception, unwrapped from a single-exception AggregateException).
    /// </summary>
    public static Task PipeTo<T>(this Task<T> task, ICanTell recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null) =>
        task.ContinueWith(t =>
        {
            var message = t.IsCompletedSuccessfully
                ? success is null ? t.Result! : success(t.Result)
                : Fail(t, failure);
            recipient.Tell(message, sender);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>As above for a task without a result: <paramref name="success"/> or <see cref="Status.Success"/>(null).</summary>
    public static Task PipeTo(this Task task, ICanTell recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null) =>
        task.ContinueWith(t =>
        {
            var message = t.IsCompletedSuccessfully
                ? success is null ? new Status.Success(null) : success()
                : Fail(t, failure);
            recipient.Tell(message, sender);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static object Fail(Task task, Func<Exception, object>? failure)
    {
        Exception cause = task.IsCanceled
            ? new TaskCanceledException(task)
            : task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerExceptions[0] : task.Exception;
        return failure is null ? new Status.Failure(cause) : failure(cause);
    }
}
