using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// Direct libc imports (dotnet/runtime's interop style: <c>LibraryImport</c>, spans, errno read
/// with <see cref="Marshal.GetLastPInvokeError"/>). One partial file per subject.
/// </summary>
internal static partial class Libc
{
    // glibc's soname, already loaded: "libc" made the runtime probe libc.so (a linker script),
    // liblibc.so and others in several directories first, at each start
    private const string LibraryName = "libc.so.6";

    /// <summary>The errno of the last import called with SetLastError.</summary>
    public static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();

    /// <summary>Throws <see cref="ErrnoException"/> when a call returned -1.</summary>
    public static int ThrowIfFailed(int result, string call) =>
        result < 0 ? throw new ErrnoException(call, LastErrno) : result;

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
