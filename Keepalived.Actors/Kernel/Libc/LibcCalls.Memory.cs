using System.Runtime.InteropServices;

namespace Keepalived.Actors.Kernel.Libc;

/// <summary>The C library's heap (malloc.h): LibraryImport, Tmds.LibC has no malloc_trim.</summary>
internal static partial class LibcCalls
{
    /// <summary><c>malloc_trim(3)</c>: 1 if memory was returned to the kernel.</summary>
    [LibraryImport(LibraryName, EntryPoint = "malloc_trim")]
    public static partial int MallocTrim(nuint pad);
}
