using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Notify;
using Keepalived.Actors.Runtime;
using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// The takeover's order on the wire with the instance and its leaves taking turns on the VRRP
/// event loop, as in the service (Akka's dispatcher on the loop, one message per turn), on
/// virtual time: advert first, then the addresses, the GARP, the log lines and the notify. The
/// stand-ins of the socket and GARP are behind a BackoffSupervisor, as the service's leaves.
/// </summary>
public sealed class TakeoverOrderTests(ITestOutputHelper output) : ActorTest(output, virtualTime: true, eventLoop: true)
{
    [Fact]
    public void The_takeover_advert_is_sent_before_the_rest_of_the_takeover_is_carried_out()
    {
        // as in the host: the instance and the socket actor take turns on one event-loop thread
        var takeoverLoggedAtSend = new List<bool>();
        var rig = new InstanceRig(this, dispatcher: ActorSystemConfig.VrrpDispatcher,
            socketStandIn: probe => Props.Create(() => new Witness<VrrpSocketActor.Send>(probe.Ref, EnteredMaster, takeoverLoggedAtSend)));
        rig.StartAsBackup();

        // the kit's own Advance: the rig's would ask for the status, and any message but the
        // takeover's own finishes the takeover at once
        Advance(InstanceRig.MasterDown);
        rig.Socket.ExpectMsg<VrrpSocketActor.Send>();
        rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        Assert.Equal("MASTER", rig.Notify.ExpectMsg<NotifyActor.StateNotify>().State);

        // keepalived's vrrp_state_master_tx: the advert leaves before the takeover's other work
        // (here its log line) is done; it does not wait for the end of the instance's turn
        lock (takeoverLoggedAtSend) Assert.Equal([false], takeoverLoggedAtSend);
        Assert.True(EnteredMaster());
    }

    [Fact]
    public void The_takeover_gratuitous_arp_goes_out_before_the_takeover_is_logged_and_notified()
    {
        var takeoverLoggedAtGarp = new List<bool>();
        var rig = new InstanceRig(this, dispatcher: ActorSystemConfig.VrrpDispatcher,
            garpStandIn: probe => Props.Create(() => new Witness<GarpActor.SendGratuitous>(probe.Ref, EnteredMaster, takeoverLoggedAtGarp)));
        rig.StartAsBackup();

        // the kit's own Advance: the rig's would ask for the status, and any message but the
        // takeover's own finishes the takeover at once
        Advance(InstanceRig.MasterDown);
        rig.Socket.ExpectMsg<VrrpSocketActor.Send>();
        rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        rig.Notify.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(true, []));
        rig.Garp.ExpectMsg<GarpActor.SendGratuitous>();
        Assert.Equal("MASTER", rig.Notify.ExpectMsg<NotifyActor.StateNotify>().State);

        // keepalived's vrrp_state_become_master: addresses, GARP, then send_instance_notifies
        lock (takeoverLoggedAtGarp) Assert.Equal([false], takeoverLoggedAtGarp);
        Assert.True(EnteredMaster());
        Assert.Equal(VrrpState.Master, rig.Sync().State);
    }

    [Fact]
    public void The_takeover_address_line_is_logged_after_the_gratuitous_arp_has_gone_out()
    {
        var lineLoggedAtGarp = new List<bool>();
        var rig = new InstanceRig(this, dispatcher: ActorSystemConfig.VrrpDispatcher,
            garpStandIn: probe => Props.Create(() => new Witness<GarpActor.SendGratuitous>(probe.Ref, AddressLineLogged, lineLoggedAtGarp)));
        rig.StartAsBackup();

        Advance(InstanceRig.MasterDown);
        rig.Socket.ExpectMsg<VrrpSocketActor.Send>();
        rig.Netlink.ExpectMsg<NetlinkActor.AddAddresses>();
        rig.Netlink.Reply(new NetlinkActor.AddressesChanged(true, [], TimeSpan.FromMilliseconds(1.5)));
        rig.Garp.ExpectMsg<GarpActor.SendGratuitous>();
        rig.Notify.ExpectMsg<NotifyActor.StateNotify>();

        // the first formatting of a line is slow: none is written between the addresses and the GARP
        lock (lineLoggedAtGarp) Assert.Equal([false], lineLoggedAtGarp);
        var line = Assert.Single(Logs.WithTemplate(AddressLine));
        Assert.Equal(1.5, (double)LogCapture.Arguments(line)[^1], 3);
    }

    private const string AddressLine = "takeover: addresses added";

    private bool AddressLineLogged() => Logs.WithTemplate(AddressLine).Any();

    private bool EnteredMaster() =>
        Logs.WithTemplate("Entering {State} STATE").Any(e => LogCapture.Arguments(e) is [_, "MASTER", ..]);

    /// <summary>A leaf stand-in that notes, for each <typeparamref name="T"/>, whether the takeover was logged already.</summary>
    private sealed class Witness<T> : ReceiveActor where T : class
    {
        public Witness(IActorRef probe, Func<bool> takeoverLogged, List<bool> seen)
        {
            Receive<T>(message =>
            {
                lock (seen) seen.Add(takeoverLogged());
                probe.Forward(message);
            });
            ReceiveAny(probe.Forward);
        }
    }
}
