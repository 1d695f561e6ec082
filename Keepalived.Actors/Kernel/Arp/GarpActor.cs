using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Kernel.Arp;

/// <summary>
/// Leaf actor owning the AF_PACKET sockets that announce virtual addresses: a gratuitous ARP
/// for each IPv4 address, an unsolicited Neighbour Advertisement for each IPv6 one, sent
/// from the interface's MAC, <see cref="SendGratuitous.Repeat"/> rounds. With
/// vrrp_garp_interval / vrrp_gna_interval the rounds are spaced by that interval (keepalived
/// spaces every message; spacing rounds keeps a burst per round and the same total time).
/// </summary>
public sealed class GarpActor : ServiceActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, (int Index, byte[] Mac, bool Router)> _interfaces = new(StringComparer.Ordinal);
    private GarpSender? _garp;
    private UnsolicitedNaSender? _na;
    private long _roundKey;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// Announce <paramref name="Addresses"/> (dev, else <paramref name="Interface"/>) <paramref name="Repeat"/>
    /// times. <paramref name="TakeoverStart"/> (a TimeProvider timestamp, 0 = none) is when the
    /// instance's master-down timer fired: the time to the first announcement is logged.
    /// </summary>
    public sealed record SendGratuitous(IReadOnlyList<VirtualIpAddress> Addresses, string Interface, int Repeat,
        TimeSpan GarpInterval, TimeSpan GnaInterval, string Instance = "", long TakeoverStart = 0);

    /// <summary>
    /// Look <paramref name="Interface"/> up now (index, MAC, forwarding) so that a takeover does
    /// not spend its first milliseconds on it.
    /// </summary>
    public sealed record Prepare(string Interface);

    public static Props Props() => FactoryProps.Create(() => new GarpActor());

    public GarpActor()
    {
        Receive<SendGratuitous>(OnSend);
        Receive<Prepare>(p => Interface(p.Interface));
        Receive<Flush>(_ => Sender.Tell(Flushed.Instance, Self));
        Receive<Checkpoint>(_ => Sender.Tell(CheckpointPassed.Instance, Self));
        ReceiveAny(Unhandled);
    }

    protected override void PreStart()
    {
        // opened now, not at the first takeover
        try
        {
            _garp = new GarpSender();
            _na = new UnsolicitedNaSender();
            // their send paths rehearsed (Vrrp.TakeoverRehearsal)
            _garp.RehearseSend();
            _na.RehearseSend();
        }
        catch (ErrnoException ex)
        {
            _log.Warning("Cannot open the gratuitous ARP / NA sockets yet: {Error}", ex.Message);
        }
    }

    protected override void PostStop()
    {
        _garp?.Dispose();
        _na?.Dispose();
    }

    private void OnSend(SendGratuitous s)
    {
        if (s.Repeat <= 0) return;
        SendRound(s);
        if (s.TakeoverStart != 0)
        {
            var elapsed = ActorClock.Of(Context.System).GetElapsedTime(s.TakeoverStart);
            _log.Info("({Instance}) takeover: addresses added and first gratuitous announcement sent {Elapsed:F3} ms after the master down timer",
                s.Instance, elapsed.TotalMilliseconds);
            s = s with { TakeoverStart = 0 };
        }
        var interval = s.GarpInterval > s.GnaInterval ? s.GarpInterval : s.GnaInterval;
        if (s.Repeat == 1) return;
        if (interval <= TimeSpan.Zero)
        {
            for (var i = 1; i < s.Repeat; i++) SendRound(s);
            return;
        }
        // the remaining rounds, spaced; each batch has its own timer key so batches overlap freely
        Timers.StartSingleTimer(++_roundKey, s with { Repeat = s.Repeat - 1 }, interval);
    }

    private void SendRound(SendGratuitous s)
    {
        foreach (var address in s.Addresses)
        {
            var name = address.Device ?? s.Interface;
            if (Interface(name) is not { } iface) continue;
            try
            {
                if (address.Address.AddressFamily == AddressFamily.InterNetwork)
                    (_garp ??= new GarpSender()).Send(iface.Index, iface.Mac, address.Address);
                else
                    (_na ??= new UnsolicitedNaSender()).Send(iface.Index, iface.Mac, address.Address, iface.Router);
            }
            catch (ErrnoException ex)
            {
                _log.Warning("Gratuitous announcement of {Address} on {Interface} failed: {Error}", address.Address, name, ex.Message);
                _interfaces.Remove(name); // the interface may have been re-created: look it up again next time
            }
        }
    }

    private (int Index, byte[] Mac, bool Router)? Interface(string name)
    {
        if (_interfaces.TryGetValue(name, out var known)) return known;
        try
        {
            var index = KernelSocket.InterfaceIndex(name);
            if (index == 0) throw new ErrnoException($"interface {name}", Errno.ENODEV);
            var entry = (index, InterfaceHardwareAddress.Read(name).Address.GetAddressBytes(), Ipv6Forwarding.IsRouter(name));
            _interfaces[name] = entry;
            return entry;
        }
        catch (Exception ex) when (ex is ErrnoException or IOException)
        {
            _log.Warning("Cannot announce addresses on {Interface}: {Error}", name, ex.Message);
            return null;
        }
    }
}
