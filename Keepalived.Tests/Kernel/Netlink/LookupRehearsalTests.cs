using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Tests.Kernel.Netlink;

/// <summary>Counts this process's open sockets, so its tests run with no other test running beside them.</summary>
[CollectionDefinition(nameof(DescriptorCounting), DisableParallelization = true)]
public sealed class DescriptorCounting;

/// <summary>The start-up's rehearsal of the interface look-up reads from the kernel and leaves nothing open.</summary>
[Collection(nameof(DescriptorCounting))]
public sealed class LookupRehearsalTests
{
    private static int OpenSockets() =>
        Directory.GetFiles("/proc/self/fd").Count(fd =>
        {
            try { return new FileInfo(fd).LinkTarget?.StartsWith("socket:") == true; }
            catch (IOException) { return false; } // closed meanwhile
        });

    [Fact]
    public void The_rehearsal_closes_its_socket_and_never_throws()
    {
        NetlinkActor.RehearseLookup(); // the first run may leave runtime sockets of its own
        var before = OpenSockets();

        for (var i = 0; i < 5; i++) NetlinkActor.RehearseLookup();

        Assert.Equal(before, OpenSockets());
    }
}
