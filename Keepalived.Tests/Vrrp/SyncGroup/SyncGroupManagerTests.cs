using System.Net;
using Keepalived.Actors.Kernel;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Vrrp;
using Keepalived.Tests.Config;
using Keepalived.Tests.Vrrp.Actors;

namespace Keepalived.Tests.Vrrp.SyncGroup;

/// <summary>
/// The manager and sync groups: one group actor per vrrp_sync_group, its members tied to it,
/// and at shutdown the group's STOP after its instances' (keepalived's notify_shutdown order),
/// before the notify actor is flushed.
/// </summary>
public sealed class SyncGroupManagerTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true)
{
    private const string Conf = """
        vrrp_sync_group SG1 {
            group {
                VI_1
                VI_2
            }
        }
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            virtual_ipaddress { 10.199.0.100/24 }
        }
        vrrp_instance VI_2 {
            interface eth0
            virtual_router_id 52
            virtual_ipaddress { 10.199.0.101/24 }
        }
        """;

    [Fact]
    public void The_group_runs_with_its_members_and_announces_stop_after_them()
    {
        var (netlink, notify, other) = (CreateTestProbe("netlink"), CreateTestProbe("notify"), CreateTestProbe("leaves"));
        var loaded = ConfigText.Load(Conf);
        Assert.Equal(0, loaded.ExitCode);
        var leaves = new VrrpLeafProps(_ => ForwardTo.For(notify), () => ForwardTo.For(netlink), () => ForwardTo.For(other),
            _ => ForwardTo.For(other), () => ForwardTo.For(other));
        var manager = Sys.ActorOf(VrrpManagerActor.Props(loaded.Config, leaves), "vrrp");
        netlink.ExpectMsg<NetlinkActor.GetInterfaces>();
        netlink.Reply(new NetlinkActor.InterfaceInfo("eth0", 2, [2, 0, 0, 0, 0, 2], true, [IPAddress.Parse("10.199.0.1")]));
        for (var i = 0; i < 2; i++)
        {
            netlink.ExpectMsg<NetlinkActor.RemoveAddresses>();
            netlink.Reply(new NetlinkActor.AddressesChanged(false, []));
        }
        var group = Resolve("/user/vrrp/sync-group-SG1");
        group.Tell(VrrpSyncGroupActor.GetStatus.Instance, TestActor);
        var status = ExpectMsg<VrrpSyncGroupActor.Status>();
        Assert.Equal(["VI_1", "VI_2"], status.Members.Keys.Order());

        manager.Tell(VrrpManagerActor.Shutdown.Instance, TestActor);

        var stops = new List<string>();
        notify.FishForMessage<NotifyActor.StateNotify>(n =>
        {
            if (n.State == "STOP") stops.Add($"{(n.Group ? "GROUP" : "INSTANCE")} {n.Name}");
            return n.Group && n.State == "STOP";
        });
        Assert.Equal(["INSTANCE VI_1", "INSTANCE VI_2"], stops.SkipLast(1).Order());
        Assert.Equal("GROUP SG1", stops[^1]);
        // the socket is flushed first (its last adverts leave before a VMAC would be deleted), then the other leaves
        other.FishForMessage<Flush>(_ => true);
        other.Reply(Flushed.Instance);
        notify.FishForMessage<Flush>(_ => true);
        notify.Reply(Flushed.Instance);
        // the GARP and link leaves answer their flushes
        for (var i = 0; i < 2; i++)
        {
            other.FishForMessage<Flush>(_ => true);
            other.Reply(Flushed.Instance);
        }
        netlink.FishForMessage<Flush>(_ => true);
        netlink.Reply(Flushed.Instance);
        ExpectMsg<VrrpManagerActor.Stopped>();
    }
}
