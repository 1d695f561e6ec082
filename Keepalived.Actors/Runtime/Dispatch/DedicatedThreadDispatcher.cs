using System.Collections.Concurrent;

namespace Keepalived.Actors.Runtime;

/// <summary>
/// A dispatcher with its own threads (Akka.NET's dedicated-thread-pool dispatchers): the
/// actors given it run only there, in arrival order, never behind thread-pool work. Used for
/// VRRP, whose adverts and timers should keep time even when the machine is busy. Dispose
/// stops the threads once the queued turns have run.
/// </summary>
public sealed class DedicatedThreadDispatcher : MessageDispatcher, IDisposable
{
    private readonly BlockingCollection<IThreadPoolWorkItem> _turns = new(new ConcurrentQueue<IThreadPoolWorkItem>());
    private readonly Thread[] _threads;
    private readonly Action? _onThreadStart;

    /// <param name="onThreadStart">Runs first on each of the dispatcher's threads (e.g. to set its OS scheduling priority).</param>
    public DedicatedThreadDispatcher(string id, int threads = 1, ThreadPriority priority = ThreadPriority.Normal, Action? onThreadStart = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Id = id;
        _onThreadStart = onThreadStart;
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = threads == 1 ? id : $"{id}-{i}", Priority = priority };
            _threads[i].Start();
        }
    }

    public override string Id { get; }

    internal override void Schedule(IThreadPoolWorkItem turn)
    {
        try
        {
            _turns.Add(turn);
        }
        catch (InvalidOperationException)
        {
            // disposed: the actors of a stopped dispatcher finish on the thread pool
            ThreadPool.Schedule(turn);
        }
    }

    private void Run()
    {
        _onThreadStart?.Invoke();
        foreach (var turn in _turns.GetConsumingEnumerable())
            turn.Execute();
    }

    public void Dispose()
    {
        _turns.CompleteAdding();
        foreach (var t in _threads)
            if (t != Thread.CurrentThread) t.Join(TimeSpan.FromSeconds(5));
    }
}
