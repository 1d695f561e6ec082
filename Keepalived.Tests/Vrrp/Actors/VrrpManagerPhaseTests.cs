using System.Net;
using Akka.Event;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// VrrpManagerActor's phases (looking up, setting up VMACs, running, stopping, finished): a
/// message that arrives in a phase it does not belong to is dealt with by that phase.
/// </summary>
public sealed class VrrpManagerPhaseTests : ActorTest
{
    private readonly ManagerRig _rig;
    private readonly TestProbe _netlink, _garp, _notify, _links;

    private const string OneInstance = """
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            virtual_ipaddress { 10.199.0.100/24 }
        }
        """;

    public VrrpManagerPhaseTests(ITestOutputHelper output) : base(output, virtualTime: true)
    {
        _rig = new ManagerRig(this);
        (_netlink, _garp, _notify, _links) = (_rig.Netlink, _rig.Garp, _rig.Notify, _rig.Links);
    }

    private static NetlinkActor.InterfaceInfo Eth0 => new("eth0", 2, [0x52, 0x54, 0, 0, 0, 1], true, [IPAddress.Parse("10.199.0.1")]);

    /// <summary>Starts the manager and shuts it down while it still looks eth0 up: netlink is asked to flush at once.</summary>
    private IActorRef StoppingBeforeTheLookUp(string conf)
    {
        var manager = _rig.Start(conf);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        manager.Tell(VrrpManagerActor.Shutdown.Instance, TestActor);
        _netlink.ExpectMsg<Flush>();
        return manager;
    }

    private void FlushTheOtherLeaves()
    {
        foreach (var leaf in new[] { _garp, _notify, _links })
        {
            leaf.ExpectMsg<Flush>();
            leaf.Reply(Flushed.Instance);
        }
    }

    [Fact]
    public void A_second_shutdown_while_stopping_does_not_start_the_shutdown_again_and_its_sender_is_answered()
    {
        var manager = StoppingBeforeTheLookUp(OneInstance);
        _netlink.Reply(Flushed.Instance);
        var second = CreateTestProbe();

        manager.Tell(VrrpManagerActor.Shutdown.Instance, second);
        // three flushes are still awaited: a restarted shutdown would wait for four
        FlushTheOtherLeaves();

        second.ExpectMsg<VrrpManagerActor.Stopped>();
    }

    [Fact]
    public void A_shutdown_once_everything_has_stopped_is_answered_at_once()
    {
        var manager = StoppingBeforeTheLookUp(OneInstance);
        _netlink.Reply(Flushed.Instance);
        FlushTheOtherLeaves();
        ExpectMsg<VrrpManagerActor.Stopped>();

        manager.Tell(VrrpManagerActor.Shutdown.KeepAddresses, TestActor);

        ExpectMsg<VrrpManagerActor.Stopped>();
    }

    [Fact]
    public void A_vmac_set_up_while_stopping_is_deleted_and_starts_no_instance()
    {
        var manager = _rig.Start(OneInstance.Replace("virtual_router_id 51", "virtual_router_id 51\n use_vmac"));
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        _netlink.Reply(Eth0);
        _netlink.ExpectMsg<NetlinkActor.AddVmac>();
        manager.Tell(VrrpManagerActor.Shutdown.Instance, TestActor);
        _netlink.ExpectMsg<Flush>();

        _netlink.Send(manager, new NetlinkActor.VmacReady("VI_1", "vrrp.51", 5, false));

        Assert.Equal("vrrp.51", _netlink.ExpectMsg<NetlinkActor.DeleteVmac>().Name);
        _netlink.Send(manager, Flushed.Instance);
        FlushTheOtherLeaves();
        ExpectMsg<VrrpManagerActor.Stopped>();
        Assert.Empty(_rig.Instances(manager));
        Assert.Empty(_rig.SocketsMade);
    }

    [Fact]
    public void Answers_of_the_start_up_or_the_shutdown_that_arrive_while_running_are_unhandled()
    {
        var manager = _rig.Start(OneInstance);
        _netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        _netlink.Reply(Eth0);
        Assert.Single(_rig.Instances(manager));
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));

        _netlink.Send(manager, Eth0);
        FishForMessage<UnhandledMessage>(u => u.Recipient.Equals(manager) && u.Message is NetlinkActor.InterfaceInfo);
        _links.Send(manager, Flushed.Instance);
        FishForMessage<UnhandledMessage>(u => u.Recipient.Equals(manager) && u.Message is Flushed);

        // still running the one instance: no second start, no shutdown step
        Assert.Single(_rig.Instances(manager));
    }
}
