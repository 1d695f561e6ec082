using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Keepalived.Actors.Kernel.Libc;
using Tmds.Linux;

namespace Keepalived.Actors.Kernel.EventLoop;

/// <summary>
/// One thread blocked in epoll_wait, as keepalived's VRRP process is: it runs the work posted
/// to it (the mailbox turns of the actors on the VRRP dispatcher) and the callbacks of the file
/// descriptors registered with it (a timerfd, the VRRP sockets). A timer expiry or a received
/// advert wakes this one thread, and the actor turns it causes run in the same wake-up, with no
/// hand-over between threads. Work posted from other threads wakes it through an eventfd.
/// </summary>
public sealed class EpollEventLoop : IDisposable
{
    private const int MaxEvents = 64;

    private readonly SafeFileDescriptor _epoll;
    private readonly SafeFileDescriptor _wake;
    private readonly ConcurrentQueue<IThreadPoolWorkItem> _turns = new();
    private readonly ConcurrentDictionary<int, Action> _handlers = new();
    private readonly Thread _thread;
    private readonly Action? _onThreadStart;
    private readonly Action<Exception>? _onError;
    private volatile bool _disposed;
    private long _handlerErrors;

    /// <param name="onThreadStart">Runs first on the loop's thread (e.g. to set its OS scheduling priority).</param>
    /// <param name="onError">Gets what a callback or a posted turn threw; the loop goes on.</param>
    public EpollEventLoop(string id, Action? onThreadStart = null, Action<Exception>? onError = null)
    {
        Id = id;
        _onThreadStart = onThreadStart;
        _onError = onError;
        _epoll = Open(LibcCalls.EpollCreate1(LibcCalls.EPOLL_CLOEXEC), "epoll_create1");
        _wake = Open(LibcCalls.EventFd(0, LibcCalls.EFD_CLOEXEC | LibcCalls.EFD_NONBLOCK), "eventfd");
        Control(LibcCalls.EPOLL_CTL_ADD, (int)_wake.DangerousGetHandle());
        _thread = new Thread(Run) { IsBackground = true, Name = id };
        _thread.Start();
    }

    public string Id { get; }

    /// <summary>Callbacks and turns that threw (caught: the loop must go on).</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    public bool IsLoopThread => Thread.CurrentThread == _thread;

    /// <summary>Runs <paramref name="turn"/> on the loop's thread, after the work posted before it.</summary>
    public void Post(IThreadPoolWorkItem turn)
    {
        if (_disposed)
        {
            ThreadPool.UnsafeQueueUserWorkItem(turn, preferLocal: false);
            return;
        }
        _turns.Enqueue(turn);
        // on the loop's own thread the queue is run before it sleeps again
        if (!IsLoopThread) Wake();
    }

    /// <summary>Calls <paramref name="onReadable"/> on the loop's thread whenever <paramref name="fd"/> is readable (level-triggered).</summary>
    public void Register(SafeHandle fd, Action onReadable)
    {
        var number = (int)fd.DangerousGetHandle();
        _handlers[number] = onReadable;
        Control(LibcCalls.EPOLL_CTL_ADD, number);
    }

    /// <summary>Stops watching <paramref name="fd"/>; call before closing it.</summary>
    public void Unregister(SafeHandle fd)
    {
        var number = (int)fd.DangerousGetHandle();
        if (_handlers.TryRemove(number, out _) && !_epoll.IsClosed)
            Control(LibcCalls.EPOLL_CTL_DEL, number, throwOnError: false);
    }

    private static SafeFileDescriptor Open(int fd, string call) =>
        fd >= 0 ? new SafeFileDescriptor(fd) : throw new ErrnoException(call, LibcCalls.LastErrno);

    private unsafe void Control(int op, int fd, bool throwOnError = true)
    {
        epoll_event ev = default;
        ev.events = LibcCalls.EPOLLIN;
        ev.data.u64 = (ulong)fd;
        if (LibcCalls.EpollCtl(_epoll, op, fd, &ev) < 0 && throwOnError)
            throw new ErrnoException($"epoll_ctl({op}, {fd})", LibcCalls.LastErrno);
    }

    private unsafe void Wake()
    {
        long one = 1;
        LibcCalls.Write(_wake, (byte*)&one, 8);
    }

    private void Failed(Exception ex)
    {
        Interlocked.Increment(ref _handlerErrors);
        try { _onError?.Invoke(ex); }
        catch (Exception) { /* a failing error report must not end the loop either */ }
    }

    private unsafe void Run()
    {
        _onThreadStart?.Invoke();
        var events = stackalloc epoll_event[MaxEvents];
        long drained;
        while (!_disposed)
        {
            while (_turns.TryDequeue(out var turn))
            {
                try { turn.Execute(); }
                catch (Exception ex) { Failed(ex); }
            }
            var n = LibcCalls.EpollWait(_epoll, events, MaxEvents, -1);
            for (var i = 0; i < n; i++)
            {
                var fd = (int)events[i].data.u64;
                if (fd == (int)_wake.DangerousGetHandle())
                    LibcCalls.Read(_wake, (byte*)&drained, 8);
                else if (_handlers.TryGetValue(fd, out var handler))
                {
                    try { handler(); }
                    catch (Exception ex) { Failed(ex); }
                }
            }
        }
        // turns queued after the last wake-up still run (then later ones go to the thread pool)
        while (_turns.TryDequeue(out var rest)) ThreadPool.UnsafeQueueUserWorkItem(rest, preferLocal: false);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Wake();
        if (!IsLoopThread) _thread.Join(TimeSpan.FromSeconds(5));
        _wake.Dispose();
        _epoll.Dispose();
    }
}
