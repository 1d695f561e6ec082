namespace Keepalived.Actors.Runtime;

/// <summary>
/// Actors implementing this get <see cref="Timers"/> set by the runtime after construction
/// (use them from <c>PreStart</c> on). Timers are cancelled on restart and stop.
/// </summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}

/// <summary>
/// Keyed timers that send a message to the actor itself. Starting a timer with a key in use
/// replaces it; a tick of a replaced or cancelled timer that is already queued is never delivered.
/// Use only from the actor's own turn.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan timeout);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    IReadOnlyCollection<object> ActiveTimers { get; }

    void Cancel(object key);

    void CancelAll();
}
