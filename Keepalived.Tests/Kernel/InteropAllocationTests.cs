using System.Net;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.EventLoop;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Vrrp;

namespace Keepalived.Tests.Kernel;

/// <summary>
/// The paths that run per advert allocate nothing once warm: the VRRP socket's sendmsg and
/// recvmsg (with their control messages), a GARP's sendto, and a wake-up of the epoll loop
/// (epoll_wait, the eventfd's read and write), all of them through Tmds.LibC.
/// </summary>
public sealed class InteropAllocationTests
{
    private const int Rounds = 200;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Vrrp_send_and_receive_allocate_nothing(bool ipv6)
    {
        using var link = VethLink.Create();
        IPAddress group = ipv6 ? VrrpSocketOptions.Ipv6Group : VrrpSocketOptions.Ipv4Group;
        IPAddress a = ipv6 ? VethLink.A6 : VethLink.A4;
        using var sender = link.A.Run(() => new VrrpSocket(VrrpSocketTests.Options(VethLink.AInterface, ipv6, false, null, null)));
        using var receiver = link.B.Run(() => new VrrpSocket(VrrpSocketTests.Options(VethLink.BInterface, ipv6, false, null, null)));
        byte[] advert = TestAdvert.Build(7, 100, a, group, a);
        var buffer = new byte[1500];

        // warm: code compiled, libc bound, the addresses seen once (the socket caches them)
        for (int i = 0; i < 3; i++)
        {
            sender.Send(advert, a, group);
            Assert.True(receiver.TryReceive(buffer, Bound, out _));
        }

        int received = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            sender.Send(advert, a, group);
            if (receiver.TryReceive(buffer, Bound, out VrrpReceived r) && r.Source.Equals(a)) received++;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Rounds, received);
        Assert.Equal(0, allocated);
    }

    [RootFact]
    public void A_gratuitous_arp_allocates_nothing()
    {
        using var link = VethLink.Create();
        using var garp = link.A.Run(() => new GarpSender());
        int ifIndex = link.A.Run(() => KernelSocket.InterfaceIndex(VethLink.AInterface));
        byte[] mac = [0x02, 0, 0, 0, 0, 1];
        garp.Send(ifIndex, mac, VethLink.A4);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++) garp.Send(ifIndex, mac, VethLink.A4);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public unsafe void An_epoll_loop_wake_up_and_the_eventfd_allocate_nothing()
    {
        using var loop = new EpollEventLoop("test-allocation");
        using var fd = new SafeFileDescriptor(LibcCalls.ThrowIfFailed(
            LibcCalls.EventFd(0, LibcCalls.EFD_CLOEXEC | LibcCalls.EFD_NONBLOCK), "eventfd"));
        // what the loop thread had allocated at each call of the handler
        var seen = new long[Rounds + 1];
        int calls = 0;
        loop.Register(fd, () =>
        {
            long drained;
            LibcCalls.Read(fd, (byte*)&drained, 8);
            seen[calls] = GC.GetAllocatedBytesForCurrentThread();
            Volatile.Write(ref calls, calls + 1);
        });

        // the first round is the warm-up (code compiled, write bound), on this thread and the loop's
        long one = 1, written = 0;
        for (int i = 1; i <= Rounds + 1; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            LibcCalls.Write(fd, (byte*)&one, 8);
            if (i > 1) written += GC.GetAllocatedBytesForCurrentThread() - before;
            var deadline = DateTime.UtcNow + Bound;
            while (Volatile.Read(ref calls) < i && DateTime.UtcNow < deadline) Thread.Yield();
            Assert.Equal(i, Volatile.Read(ref calls));
        }
        loop.Unregister(fd);

        // between two calls the loop went round once: epoll_wait, the dispatch, the handler's read
        Assert.Equal(0, seen[Rounds] - seen[0]);
        Assert.Equal(0, written);
    }
}
