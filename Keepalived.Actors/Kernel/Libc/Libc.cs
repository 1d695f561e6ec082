using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// Direct libc imports (dotnet/runtime's interop style: <c>LibraryImport</c>, spans, errno read
/// with <see cref="Marshal.GetLastPInvokeError"/>). One partial file per subject.
/// </summary>
internal static partial class Libc
{
    private const string LibraryName = "libc";

    /// <summary>The errno of the last import called with SetLastError.</summary>
    public static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();

    /// <summary>Throws <see cref="ErrnoException"/> when a call returned -1.</summary>
    public static int ThrowIfFailed(int result, string call) =>
        result < 0 ? throw new ErrnoException(call, LastErrno) : result;

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
