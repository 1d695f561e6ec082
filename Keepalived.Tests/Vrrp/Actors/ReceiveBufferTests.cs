using Keepalived.Actors.Runtime;
using System.Net;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.EventLoop;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Vrrp;
using Keepalived.Tests.Kernel;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// kernel_rx_buf_size and vrrp_rx_bufs_policy: each instance's share of its read socket's
/// SO_RCVBUF (keepalived's vrrp_create_sockpool arithmetic), and the socket actor adding the
/// shares up on the kernel's socket.
/// </summary>
public sealed class ReceiveBufferTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    // VRRPv2 over IPv4 with one address: IP header 20 + VRRP header 8 + address 4 + auth data 8
    private const int V2Ipv4OneAddress = 40;

    public static TheoryData<string?, uint, uint, int, int, int> Shares => new()
    {
        // policy, multiplier, kernel_rx_buf_size, advert length, MTU, share
        { null, 3, 0, V2Ipv4OneAddress, 1500, 0 },            // keepalived's default: the kernel's buffer
        { "ADVERT", 3, 0, V2Ipv4OneAddress, 1500, 120 },
        { "ADVERT", 10, 0, V2Ipv4OneAddress, 1500, 400 },
        { "MTU", 3, 0, V2Ipv4OneAddress, 1500, 4500 },
        { "MTU", 3, 0, V2Ipv4OneAddress, 0, 0 },              // MTU not known: nothing added
        { "65536", 3, 0, V2Ipv4OneAddress, 1500, 65536 },     // a size
        { "MTU", 3, 9000, V2Ipv4OneAddress, 1500, 9000 },     // the instance's own size wins
        { null, 3, 9000, V2Ipv4OneAddress, 1500, 9000 },
        { "4294967295", 3, 0, V2Ipv4OneAddress, 1500, int.MaxValue },
        { "MTU", 4294967295, 0, V2Ipv4OneAddress, 65535, int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Shares))]
    public void An_instance_share_follows_keepalived(string? policy, uint multiplier, uint kernelRxBufSize, int advertLength, int mtu, int expected)
    {
        var vrrp = InstanceRig.NewConfig(configure: v => v.KernelRxBufSize = kernelRxBufSize);
        var global = new GlobalConfig { VrrpRxBufsPolicy = policy, VrrpRxBufsMultiplier = multiplier };
        Assert.Equal(expected, VrrpReceiveBuffer.Share(vrrp, global, advertLength, mtu));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("ADVERT", 3 * V2Ipv4OneAddress)]
    [InlineData("MTU", 3 * 1500)]
    public void The_instance_registers_its_share_with_its_socket(string? policy, int expected)
    {
        var rig = new InstanceRig(this, global: new GlobalConfig { VrrpRxBufsPolicy = policy }, mtu: 1500);
        rig.Start();
        var register = rig.Socket.ExpectMsg<VrrpSocketActor.Register>();
        Assert.Equal(expected, register.ReceiveBuffer);
    }

    [Fact]
    public void An_ah_instance_counts_the_authentication_header()
    {
        var rig = new InstanceRig(this, InstanceRig.NewConfig(configure: v => v.AuthType = VrrpAuthType.Ah),
            new GlobalConfig { VrrpRxBufsPolicy = "ADVERT", VrrpRxBufsMultiplier = 1 });
        rig.Start();
        // the VRRP header's auth data field stays in a v2 advert; the 24-byte AH comes on top
        Assert.Equal(V2Ipv4OneAddress + 24, rig.Socket.ExpectMsg<VrrpSocketActor.Register>().ReceiveBuffer);
    }
}

/// <summary>The socket actor sets the sum of its instances' shares on its read socket, in a namespace of the test's own.</summary>
public sealed class SocketReceiveBufferTests(ITestOutputHelper output) : ActorTest(output)
{
    [RootFact]
    public void The_socket_actor_sets_the_sum_of_the_shares_and_never_shrinks_it()
    {
        using var link = VethLink.Create();
        using var system = NamespaceSystem.In(link.A, "rx-buffer").System;
        var options = VrrpSocketTests.Options(VethLink.AInterface, false, false, null, null);
        var socket = system.ActorOf(VrrpSocketActor.Props(options).WithDispatcher(ActorSystemConfig.VrrpDispatcher), "socket");
        var a = CreateTestProbe();
        var b = CreateTestProbe();
        int max = int.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        // the kernel doubles what is asked (its bookkeeping), capped at rmem_max
        int Kernel(int asked) => 2 * Math.Min(asked, max);

        socket.Tell(new VrrpSocketActor.Register(1, a.Ref, 30_000));
        socket.Tell(new VrrpSocketActor.Register(2, b.Ref, 20_000));
        Assert.Equal(new VrrpSocketActor.ReceiveBuffer(50_000, Kernel(50_000)), Buffer(socket));

        socket.Tell(new VrrpSocketActor.Unregister(2, b.Ref));
        socket.Tell(new VrrpSocketActor.Register(3, b.Ref, 10_000));
        socket.Tell(new VrrpSocketActor.Register(4, b.Ref, 0));
        // 40,000 now: less than what is set, which stays
        Assert.Equal(new VrrpSocketActor.ReceiveBuffer(40_000, Kernel(50_000)), Buffer(socket));

        socket.Tell(new VrrpSocketActor.Register(5, b.Ref, 30_000));
        Assert.Equal(new VrrpSocketActor.ReceiveBuffer(70_000, Kernel(70_000)), Buffer(socket));
        system.Stop(socket);
    }

    [RootFact]
    public void Without_shares_the_kernel_default_stays()
    {
        using var link = VethLink.Create();
        using var system = NamespaceSystem.In(link.A, "rx-buffer").System;
        var socket = system.ActorOf(VrrpSocketActor.Props(VrrpSocketTests.Options(VethLink.AInterface, false, false, null, null))
            .WithDispatcher(ActorSystemConfig.VrrpDispatcher), "socket");
        socket.Tell(new VrrpSocketActor.Register(1, CreateTestProbe().Ref));
        int fallback = int.Parse(File.ReadAllText("/proc/sys/net/core/rmem_default").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new VrrpSocketActor.ReceiveBuffer(0, fallback), Buffer(socket));
        system.Stop(socket);
    }

    private VrrpSocketActor.ReceiveBuffer Buffer(IActorRef socket)
    {
        socket.Tell(VrrpSocketActor.GetReceiveBuffer.Instance, TestActor);
        return ExpectMsg<VrrpSocketActor.ReceiveBuffer>();
    }
}
