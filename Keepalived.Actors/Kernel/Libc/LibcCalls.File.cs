using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;
using Tmds.Linux;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>File descriptors and paths (fcntl.h, unistd.h, sys/stat.h) through Tmds.LibC.</summary>
internal static partial class LibcCalls
{
    public const int O_RDONLY = 0x0;
    public const int O_RDWR = 0x2;
    public const int O_NONBLOCK = 0x800;
    public const int O_NOFOLLOW = 0x20000;
    public const int O_CLOEXEC = 0x80000;

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const uint STATX_UID = 0x8;
    public const uint STATX_GID = 0x10;

    public static int Close(int fd) => LibC.close(fd);

    public static unsafe nint Read(SafeHandle fd, byte* buffer, nuint count)
    {
        bool added = false;
        try { return (nint)(long)LibC.read(AddRef(fd, ref added), buffer, (size_t)(ulong)count); }
        finally { Release(fd, added); }
    }

    public static unsafe nint Write(SafeHandle fd, byte* buffer, nuint count)
    {
        bool added = false;
        try { return (nint)(long)LibC.write(AddRef(fd, ref added), buffer, (size_t)(ulong)count); }
        finally { Release(fd, added); }
    }

    public static unsafe int MkFifo(string path, uint mode)
    {
        scoped var name = new Utf8StringMarshaller.ManagedToUnmanagedIn();
        try
        {
            name.FromManaged(path, stackalloc byte[Utf8StringMarshaller.ManagedToUnmanagedIn.BufferSize]);
            // mode_t converts from ushort only: permission bits (07777) fit
            return LibC.mkfifo(name.ToUnmanaged(), (ushort)mode);
        }
        finally { name.Free(); }
    }

    public static unsafe int Open(string path, int flags)
    {
        scoped var name = new Utf8StringMarshaller.ManagedToUnmanagedIn();
        try
        {
            name.FromManaged(path, stackalloc byte[Utf8StringMarshaller.ManagedToUnmanagedIn.BufferSize]);
            return LibC.open(name.ToUnmanaged(), flags, 0);
        }
        finally { name.Free(); }
    }

    public static unsafe int StatX(int dirFd, string path, int flags, uint mask, statx* buffer)
    {
        scoped var name = new Utf8StringMarshaller.ManagedToUnmanagedIn();
        try
        {
            name.FromManaged(path, stackalloc byte[Utf8StringMarshaller.ManagedToUnmanagedIn.BufferSize]);
            return LibC.statx(dirFd, name.ToUnmanaged(), flags, mask, buffer);
        }
        finally { name.Free(); }
    }
}
