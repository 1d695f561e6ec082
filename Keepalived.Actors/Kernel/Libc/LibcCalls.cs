using System.Runtime.InteropServices;
using Tmds.Linux;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>
/// The calls into libc, one partial file per call family. The families Tmds.LibC binds
/// (sockets, sendmsg/recvmsg, epoll and eventfd, ioctl and packet sockets, file descriptors)
/// call <see cref="LibC"/>; the others are <c>LibraryImport</c>s (docs/interop.md says which and
/// why). Either way errno comes back as an <see cref="Errno"/> and callers see the same shapes:
/// descriptors as <see cref="SafeHandle"/>, buffers as pointers, -1 and errno on failure.
/// </summary>
internal static partial class LibcCalls
{
    // glibc's soname, already loaded: "libc" made the runtime probe libc.so (a linker script),
    // liblibc.so and others in several directories first, at each start
    private const string LibraryName = "libc.so.6";

    /// <summary>
    /// The errno of the last call: Tmds.LibC's imports and ours are all SetLastError, so both
    /// leave it where <see cref="LibC.errno"/> (the runtime's last P/Invoke error) reads it.
    /// </summary>
    public static Errno LastErrno => (Errno)LibC.errno;

    /// <summary>Throws <see cref="ErrnoException"/> when a call returned -1.</summary>
    public static int ThrowIfFailed(int result, string call) =>
        result < 0 ? throw new ErrnoException(call, LastErrno) : result;

    /// <summary>
    /// The descriptor of <paramref name="handle"/>, with a reference held on it until
    /// <see cref="Release"/>, as LibraryImport's SafeHandle marshalling does around a call:
    /// Tmds.LibC takes an int, and a Dispose on another thread must neither close the descriptor
    /// (and let a new file take its number) during the call nor let a closed one reach the kernel
    /// (that throws <see cref="ObjectDisposedException"/> here).
    /// </summary>
    private static int AddRef(SafeHandle handle, ref bool added)
    {
        handle.DangerousAddRef(ref added);
        return (int)handle.DangerousGetHandle();
    }

    /// <summary>Drops what <see cref="AddRef"/> took, keeping the call's errno (the last release closes the descriptor).</summary>
    private static void Release(SafeHandle handle, bool added)
    {
        if (!added) return;
        int errno = Marshal.GetLastPInvokeError();
        handle.DangerousRelease();
        Marshal.SetLastPInvokeError(errno);
    }
}
