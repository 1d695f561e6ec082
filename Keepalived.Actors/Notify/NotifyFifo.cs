using System.Text;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Notify;

/// <summary>
/// A notify FIFO as keepalived opens it (lib/notify.c fifo_open): created with mkfifo (0644)
/// if missing and then removed again on close, opened read-write and non-blocking so writing
/// never waits for a reader; a line that does not fit is dropped, as keepalived drops it.
/// </summary>
public sealed class NotifyFifo : IDisposable
{
    private const uint Mode = 0b110_100_100; // S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH
    private readonly SafeFileDescriptor _fd;
    private readonly bool _created;

    private NotifyFifo(string path, SafeFileDescriptor fd, bool created)
    {
        Path = path;
        _fd = fd;
        _created = created;
    }

    public string Path { get; }

    /// <summary>Creates (if needed) and opens the FIFO; throws <see cref="ErrnoException"/> when it cannot.</summary>
    public static NotifyFifo Open(string path)
    {
        var created = LibcCalls.MkFifo(path, Mode) == 0;
        if (!created && LibcCalls.LastErrno != Errno.EEXIST)
            throw new ErrnoException($"mkfifo {path}", LibcCalls.LastErrno);
        var fd = LibcCalls.Open(path, LibcCalls.O_RDWR | LibcCalls.O_CLOEXEC | LibcCalls.O_NONBLOCK | LibcCalls.O_NOFOLLOW);
        if (fd < 0)
        {
            var errno = LibcCalls.LastErrno;
            if (created) File.Delete(path);
            throw new ErrnoException($"open {path}", errno);
        }
        return new NotifyFifo(path, new SafeFileDescriptor(fd), created);
    }

    /// <summary>Writes one line (the caller includes the newline); false when it was dropped.</summary>
    public unsafe bool Write(string line)
    {
        Span<byte> buffer = stackalloc byte[512];
        var bytes = Encoding.UTF8.GetByteCount(line) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(line, buffer)] : Encoding.UTF8.GetBytes(line);
        fixed (byte* p = bytes)
            return LibcCalls.Write(_fd, p, (nuint)bytes.Length) == bytes.Length;
    }

    public void Dispose()
    {
        // unlink first, so a reader looping on reopen cannot reopen it (as keepalived does)
        if (_created)
        {
            try { File.Delete(Path); }
            catch (IOException) { }
        }
        _fd.Dispose();
    }
}
