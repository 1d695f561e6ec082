using System.Net;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Arp;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Protocol;
using Keepalived.Actors.Protocol.Packet;

namespace Keepalived.Actors.Vrrp;

/// <summary>
/// Runs the pure code of a takeover once on made-up values, on a thread of its own while the
/// service is still reading its configuration: the state machine from start to MASTER and back,
/// adverts written and read for both versions and families, a gratuitous ARP and an unsolicited
/// NA, and an address message for netlink. Their types are then loaded and their code prepared
/// before the first advert at start and before the first real takeover, which would otherwise
/// pay for it while the VIP is unowned. Nothing here touches the kernel or any shared state.
/// </summary>
public static class VrrpWarmUp
{
    private static readonly IPAddress Ipv4 = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Ipv6 = IPAddress.Parse("2001:db8::1");

    /// <summary>Starts <see cref="Run"/> on a low-priority background thread.</summary>
    public static void Start() =>
        new Thread(() => Run()) { IsBackground = true, Name = "vrrp-warm-up", Priority = ThreadPriority.BelowNormal }.Start();

    /// <returns>false if a step threw (a bug to look at; the service itself is not affected).</returns>
    public static bool Run()
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
            // only ever a lost head start: the real path reports its own errors
            return false;
        }
    }

    private static void StateMachine()
    {
        var machine = new VrrpStateMachine(new VrrpStateMachineSettings { PrimaryAddress = Ipv4, InitialState = VrrpState.Backup });
        var actions = new List<VrrpAction>();
        var now = TimeSpan.Zero;
        machine.Handle(VrrpEvent.Start, now, actions);
        // no advert heard: the master down timer expires and the machine takes over
        foreach (var a in actions.ToArray())
            if (a.Kind == VrrpActionKind.StartTimer) machine.Handle(VrrpEvent.TimerExpired(a.Timer, a.Tag), now += a.Delay, actions);
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
