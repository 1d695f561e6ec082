using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel;

/// <summary>
/// The C library's heap, which the runtime allocates from, its JIT above all. Start-up compiles
/// most of what the service will ever compile (methods without ready-made code, the actors'
/// receive handlers from expression trees), and leaves that working memory free but resident:
/// glibc gives it back to the kernel by itself only when it lies at the top of the heap.
/// </summary>
public static class NativeHeap
{
    /// <summary>Returns the free pages of glibc's heaps to the kernel; false if there were none.</summary>
    public static bool ReleaseFreePages() => LibcCalls.MallocTrim(0) == 1;
}
