using System.Linq.Expressions;
using System.Net;
using Akka.Actor;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// The one owner of the start-up rehearsals. .NET compiles a method on its first call, runs a
/// static constructor on a type's first use and binds a P/Invoke on its first call; a backup's
/// first takeover is the first time most of its path runs, so it would pay for all of that while
/// the virtual addresses have no owner. Each step therefore runs a cold path once ahead, on
/// made-up values: nothing leaves the host, no state of the service is touched, and a step that
/// fails only loses its head start (the real path reports its own errors).
/// </summary>
/// <remarks>
/// The steps, in the order the service reaches them:
/// <list type="number">
/// <item><see cref="StartAkka"/> at exec, while the configuration is read;</item>
/// <item><see cref="LookUpInterfaces"/> on the settings thread once the settings are read;</item>
/// <item><see cref="StartTakeoverCode"/> on a thread of its own while the instances start (a
/// backup's first takeover is at least three adverts away);</item>
/// <item>each kernel leaf's send path once its socket is open (<c>VrrpSocket.RehearseSend</c>,
/// <c>PacketSocket.RehearseSend</c>): only the leaf holds the socket;</item>
/// <item>each instance's timers, made and one run through, at its start (<see cref="PrepareTimers"/>):
/// a backup's only timer is always restarted before it runs out, so its first expiry would
/// otherwise be the first takeover's.</item>
/// </list>
/// </remarks>
public static class TakeoverRehearsal
{
    private static readonly IPAddress Ipv4 = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Ipv6 = IPAddress.Parse("2001:db8::1");

    /// <summary>
    /// What Akka's <c>ActorSystem.Create</c> loads on its way, on a thread of its own:
    /// <c>Akka.Util.ThreadLocalRandom</c>'s static constructor seeds from the cryptographic
    /// generator (loading OpenSSL), and the actor-ref provider compiles an expression tree.
    /// Whichever thread gets there first does the work; the other waits for it.
    /// </summary>
    public static void StartAkka() => Start("akka-rehearsal", ThreadPriority.Normal, () =>
    {
        _ = Akka.Util.ThreadLocalRandom.Current.Next();
        _ = Expression.Lambda<Func<int>>(Expression.Constant(0)).Compile();
    });

    /// <summary>The interface look-up the VRRP manager asks netlink for at start, once with the answer dropped.</summary>
    public static void LookUpInterfaces() => NetlinkActor.RehearseLookup();

    /// <summary>
    /// The pure code of a takeover, on a low-priority thread of its own: the state machine from
    /// start to MASTER and back, adverts written and read for both versions and families, a
    /// gratuitous ARP, an unsolicited NA, and an address message for netlink.
    /// </summary>
    public static void StartTakeoverCode() => Start("vrrp-rehearsal", ThreadPriority.BelowNormal, () => RunTakeoverCode());

    /// <returns>false if a step threw (a bug to look at; the service itself is not affected).</returns>
    public static bool RunTakeoverCode()
    {
        try
        {
            StateMachine();
            Span<byte> buffer = stackalloc byte[256];
            foreach (var version in new[] { VrrpConstants.Version2, VrrpConstants.Version3 })
            {
                Advert(buffer, version, Ipv4, IPAddress.Parse("224.0.0.18"));
                Advert(buffer, version, Ipv6, IPAddress.Parse("ff02::12"));
            }
            ReadOnlySpan<byte> mac = [0x02, 0, 0, 0, 0, 1];
            GarpFrame.Write(buffer, mac, Ipv4);
            UnsolicitedNaFrame.Write(buffer, mac, Ipv6, router: false);
            var writer = new NetlinkWriter(buffer);
            AddressMessage.Write(ref writer, new VirtualIpAddress { Address = Ipv4, PrefixLength = 32 }, 1, add: true, sequence: 1);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs each of an instance's clock timers out once, their ticks dropped, and tells the
    /// instance <paramref name="rehearsal"/> (it builds an advert).
    /// </summary>
    internal static void PrepareTimers(VrrpInstanceTimers timers, IActorRef instance, object rehearsal)
    {
        timers.Rehearse();
        instance.Tell(rehearsal, ActorRefs.NoSender);
    }

    private static void Start(string name, ThreadPriority priority, Action step) =>
        new Thread(() =>
        {
            try
            {
                step();
            }
            catch (Exception)
            {
                // only a lost head start
            }
        }) { IsBackground = true, Name = name, Priority = priority }.Start();

    private static void StateMachine()
    {
        var machine = new VrrpStateMachine(new VrrpStateMachineSettings { PrimaryAddress = Ipv4, InitialState = VrrpState.Backup });
        var actions = new List<VrrpAction>();
        var now = TimeSpan.Zero;
        machine.Handle(VrrpEvent.Start, now, actions);
        // no advert heard: the master down timer expires and the machine takes over, stage by stage
        foreach (var a in actions.ToArray())
            if (a.Kind == VrrpActionKind.StartTimer) machine.Handle(VrrpEvent.TimerExpired(a.Timer, a.Tag), now += a.Delay, actions);
        machine.Handle(VrrpEvent.TakeoverStepDone, now, actions);
        machine.Handle(VrrpEvent.AddressesAdded, now, actions);
        machine.Handle(VrrpEvent.TakeoverStepDone, now, actions);
        machine.Handle(VrrpEvent.AdvertReceived(200, TimeSpan.FromSeconds(1), IPAddress.Parse("192.0.2.2")), now, actions);
        machine.Handle(VrrpEvent.Stop, now, actions);
    }

    private static void Advert(Span<byte> buffer, int version, IPAddress source, IPAddress group)
    {
        var family = source.AddressFamily;
        var fields = new VrrpAdvertFields(version, family, 1, 100, VrrpAdvertFields.IntervalField(version, TimeSpan.FromSeconds(1)));
        var addresses = source.GetAddressBytes();
        var pseudo = VrrpPseudoHeader.For(version, addresses, group.GetAddressBytes());
        var length = VrrpAdvertWriter.Write(buffer, fields, addresses, [], pseudo);
        _ = VrrpAdvert.TryRead(buffer[..length], family, out _);
    }
}
