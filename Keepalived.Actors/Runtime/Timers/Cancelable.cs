namespace Keepalived.Actors.Runtime;

/// <summary>A handle that cancels scheduled work.</summary>
public interface ICancelable
{
    void Cancel();
    bool IsCancellationRequested { get; }
}

/// <summary>A thread-safe, one-shot <see cref="ICancelable"/>; callbacks registered after cancellation run at once.</summary>
public sealed class Cancelable : ICancelable
{
    private readonly Lock _lock = new();
    private List<Action>? _callbacks;
    private volatile bool _cancelled;

    public bool IsCancellationRequested => _cancelled;

    public void Cancel()
    {
        List<Action>? callbacks;
        lock (_lock)
        {
            if (_cancelled) return;
            _cancelled = true;
            callbacks = _callbacks;
            _callbacks = null;
        }
        callbacks?.ForEach(c => c());
    }

    internal void Register(Action onCancel)
    {
        lock (_lock)
        {
            if (!_cancelled)
            {
                (_callbacks ??= []).Add(onCancel);
                return;
            }
        }
        onCancel();
    }
}
