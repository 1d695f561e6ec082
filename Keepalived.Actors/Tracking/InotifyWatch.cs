using System.Buffers.Binary;
using System.Text;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Tracking;

/// <summary>What happened to a watched file.</summary>
public enum WatchedFileEvent
{
    /// <summary>Closed after writing, or moved in (IN_CLOSE_WRITE, IN_MOVED_TO).</summary>
    Written,

    /// <summary>Deleted or moved away (IN_DELETE, IN_MOVED_FROM).</summary>
    Removed,

    /// <summary>The kernel's event queue overflowed: the file may have changed.</summary>
    Overflow,

    /// <summary>The directory went away (IN_IGNORED): no more events will come.</summary>
    WatchLost,
}

/// <summary>
/// Watches one file through inotify on its directory, as keepalived's track_file does, so the
/// file may be created, replaced by a rename or deleted. A dedicated thread blocks in read(2)
/// and hands each event for the file to a callback; disposing removes the watch, whose
/// IN_IGNORED wakes the thread, which then closes the descriptor.
/// </summary>
public sealed class InotifyWatch : IDisposable
{
    private const uint Mask = LibcCalls.IN_CLOSE_WRITE | LibcCalls.IN_DELETE | LibcCalls.IN_MOVED_FROM | LibcCalls.IN_MOVED_TO;
    private readonly SafeFileDescriptor _fd;
    private readonly int _wd;
    private readonly byte[] _name;
    private volatile bool _disposed;
    private bool _started;

    /// <exception cref="ErrnoException">inotify could not be set up (the directory is missing, no more watches).</exception>
    public InotifyWatch(string directory, string fileName)
    {
        _name = Encoding.UTF8.GetBytes(fileName);
        _fd = new SafeFileDescriptor(LibcCalls.ThrowIfFailed(LibcCalls.InotifyInit1(LibcCalls.IN_CLOEXEC), "inotify_init1"));
        int wd = LibcCalls.InotifyAddWatch(_fd, directory, Mask);
        if (wd < 0)
        {
            var errno = LibcCalls.LastErrno;
            _fd.Dispose();
            throw new ErrnoException($"inotify_add_watch {directory}", errno);
        }
        _wd = wd;
    }

    /// <summary>Starts the reading thread; <paramref name="onError"/> is called if reading fails.</summary>
    public void Start(Action<WatchedFileEvent> onEvent, Action<Exception> onError)
    {
        _started = true;
        var thread = new Thread(() => Loop(onEvent, onError)) { IsBackground = true, Name = "inotify" };
        thread.Start();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_started)
        {
            _fd.Dispose();
            return;
        }
        try
        {
            // wakes the reader with IN_IGNORED; fails harmlessly when the watch is already gone
            LibcCalls.InotifyRmWatch(_fd, _wd);
        }
        catch (ObjectDisposedException) { }
    }

    private unsafe void Loop(Action<WatchedFileEvent> onEvent, Action<Exception> onError)
    {
        // room for many events with a name of up to NAME_MAX
        var buffer = new byte[16 * (LibcCalls.InotifyEventSize + 256)];
        using (_fd)
        {
            while (!_disposed)
            {
                nint n;
                fixed (byte* p = buffer) n = LibcCalls.Read(_fd, p, (nuint)buffer.Length);
                if (n < 0)
                {
                    var errno = LibcCalls.LastErrno;
                    if (errno == Errno.EINTR) continue;
                    if (!_disposed) onError(new ErrnoException("read inotify", errno));
                    return;
                }
                if (!Dispatch(buffer.AsSpan(0, (int)n), onEvent)) return;
            }
        }
    }

    /// <summary>Hands on the events for the file; false when the watch is gone.</summary>
    private bool Dispatch(ReadOnlySpan<byte> events, Action<WatchedFileEvent> onEvent)
    {
        while (events.Length >= LibcCalls.InotifyEventSize)
        {
            uint mask = BinaryPrimitives.ReadUInt32LittleEndian(events[4..]);
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(events[12..]);
            if (length > events.Length - LibcCalls.InotifyEventSize) return true;
            var name = events.Slice(LibcCalls.InotifyEventSize, length);
            events = events[(LibcCalls.InotifyEventSize + length)..];
            if (_disposed) return false;
            if ((mask & LibcCalls.IN_Q_OVERFLOW) != 0) onEvent(WatchedFileEvent.Overflow);
            if ((mask & LibcCalls.IN_IGNORED) != 0)
            {
                onEvent(WatchedFileEvent.WatchLost);
                return false;
            }
            if ((mask & LibcCalls.IN_ISDIR) != 0 || !IsOurs(name)) continue;
            if ((mask & (LibcCalls.IN_DELETE | LibcCalls.IN_MOVED_FROM)) != 0) onEvent(WatchedFileEvent.Removed);
            else if ((mask & (LibcCalls.IN_CLOSE_WRITE | LibcCalls.IN_MOVED_TO)) != 0) onEvent(WatchedFileEvent.Written);
        }
        return true;
    }

    private bool IsOurs(ReadOnlySpan<byte> name)
    {
        int end = name.IndexOf((byte)0);
        return (end < 0 ? name : name[..end]).SequenceEqual(_name);
    }
}
