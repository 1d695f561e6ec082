namespace Keepalived.Actors.Runtime;

/// <summary>Schedules messages; all times come from the system's <see cref="TimeProvider"/>.</summary>
public interface IScheduler
{
    /// <summary>Wall-clock time of the scheduler's clock.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Monotonic time since the system started.</summary>
    TimeSpan MonotonicClock { get; }

    /// <summary>Scheduling of plain actions (Akka's <c>Advanced</c>).</summary>
    IActionScheduler Advanced { get; }

    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable = null);

    void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message,
        IActorRef? sender, ICancelable? cancelable = null);
}

/// <summary>Schedules actions; they run on the thread pool, never on an actor's turn.</summary>
public interface IActionScheduler
{
    void ScheduleOnce(TimeSpan delay, Action action, ICancelable? cancelable = null);

    void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable? cancelable = null);
}

/// <summary>The Cancelable variants of Akka's scheduler API.</summary>
public static class SchedulerExtensions
{
    public static ICancelable ScheduleTellOnceCancelable(this IScheduler scheduler, TimeSpan delay, ICanTell receiver,
        object message, IActorRef? sender)
    {
        if (scheduler is TimeProviderScheduler own) return own.TellOnce(delay, receiver, message, sender);
        var c = new Cancelable();
        scheduler.ScheduleTellOnce(delay, receiver, message, sender, c);
        return c;
    }

    public static ICancelable ScheduleTellRepeatedlyCancelable(this IScheduler scheduler, TimeSpan initialDelay,
        TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        if (scheduler is TimeProviderScheduler own) return own.TellRepeatedly(initialDelay, interval, receiver, message, sender);
        var c = new Cancelable();
        scheduler.ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender, c);
        return c;
    }
}
