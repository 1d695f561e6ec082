using Keepalived.Actors.Kernel;

namespace Keepalived.Tests.Kernel;

public sealed class NativeHeapTests
{
    [Fact]
    public void Free_pages_of_the_C_heap_are_returned_through_glibc_and_trimming_twice_is_harmless()
    {
        var first = NativeHeap.ReleaseFreePages();
        var second = NativeHeap.ReleaseFreePages();
        Assert.True(first || !second, "the second trim found free pages the first left");
    }
}
