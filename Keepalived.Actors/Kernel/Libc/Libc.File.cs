using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

internal static partial class Libc
{
    public const int O_RDWR = 0x2;
    public const int O_NONBLOCK = 0x800;
    public const int O_NOFOLLOW = 0x20000;
    public const int O_CLOEXEC = 0x80000;

    [LibraryImport(LibraryName, EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MkFifo(string path, uint mode);

    [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(LibraryName, EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(SafeHandle fd, byte* buffer, nuint count);

    [LibraryImport(LibraryName, EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(SafeHandle fd, byte* buffer, nuint count);
}
