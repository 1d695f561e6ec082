using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;
using Akka.Actor;
using Akka.Event;
using Keepalived.Actors.Runtime;

namespace Keepalived.Actors.Kernel.Nftables;

/// <summary>
/// Leaf actor owning the nf_tables socket: it keeps the virtual addresses of the instances that
/// are not in accept mode (no_accept, or vrrp_strict without accept, and not the address owner)
/// in keepalived's nftables sets while they hold them, so that the host neither accepts traffic
/// addressed to them nor sends from them (RFC 5798 Accept_Mode = False). The table and its
/// rules are made on the first address and deleted when the actor stops (keepalived's
/// firewall_fini). Each batch waits for the kernel's answer inside the actor's turn, as
/// keepalived's do, so <see cref="FirewallChanged"/> answers leave in request order. The
/// <see cref="NftablesFirewall"/> (which addresses are blocked, for how many instances) is given
/// to the Props: an actor made again after a failure puts back what the failed one held.
/// </summary>
public sealed class NftablesActor : ServiceActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly NftablesFirewall _firewall;
    private readonly Func<string, int> _indexOf;
    private readonly byte[] _batch = new byte[64 * 1024];
    private NfNetlink? _netlink;
    private uint _sequence = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Block <paramref name="Addresses"/> of an instance on <paramref name="Interface"/>; answers <see cref="FirewallChanged"/>.</summary>
    public sealed record AddAddresses(IReadOnlyList<VirtualIpAddress> Addresses, string Interface, bool DontTrackPrimary);

    /// <summary>Stop blocking them (once no other instance holds them); answers <see cref="FirewallChanged"/>.</summary>
    public sealed record RemoveAddresses(IReadOnlyList<VirtualIpAddress> Addresses, string Interface, bool DontTrackPrimary);

    /// <summary>What an add (<paramref name="Added"/>) or removal did; <paramref name="Failures"/> in words.</summary>
    public sealed record FirewallChanged(bool Added, IReadOnlyList<string> Failures);

    public static Props Props(GlobalConfig global)
    {
        var firewall = new NftablesFirewall(NftablesSettings.From(global));
        return FactoryProps.Create(() => new NftablesActor(firewall, KernelSocket.InterfaceIndex));
    }

    public NftablesActor(NftablesFirewall firewall, Func<string, int> indexOf)
    {
        _firewall = firewall;
        _indexOf = indexOf;
        Receive<AddAddresses>(a => Sender.Tell(new FirewallChanged(true, Add(a)), Self));
        Receive<RemoveAddresses>(r => Sender.Tell(new FirewallChanged(false, Remove(r)), Self));
        Receive<Flush>(_ => Sender.Tell(Flushed.Instance, Self));
        ReceiveAny(Unhandled);
    }

    protected override void PreStart()
    {
        // an earlier incarnation failed (and deleted its tables as it stopped): its addresses are blocked again
        if (_firewall.Elements.Count == 0) return;
        var held = _firewall.Elements.ToList();
        Try([], "restore", () => SendAdd("restore", held));
    }

    protected override void PostStop()
    {
        try
        {
            // the holders stay known: if this actor is made again (it failed), it puts them back
            if (_firewall.HasTables) Send("delete table", (ref NftBatchWriter b) => _firewall.WriteCleanup(ref b, keepHolders: true));
        }
        finally
        {
            _firewall.Setup = default;
            _netlink?.Dispose();
        }
    }

    private List<string> Add(AddAddresses a)
    {
        var failures = new List<string>();
        var added = _firewall.Retain(Elements(a.Addresses, a.Interface, a.DontTrackPrimary, failures));
        if (added.Count == 0) return failures;
        var setup = _firewall.Setup;
        var ok = Try(failures, "add", () => SendAdd("add", added));
        if (!ok)
        {
            // nothing of the batch was applied: forget it, so a later add tries again
            _firewall.Setup = setup;
            _firewall.Release(added);
        }
        return failures;
    }

    private List<string> Remove(RemoveAddresses r)
    {
        var failures = new List<string>();
        var removed = _firewall.Release(Elements(r.Addresses, r.Interface, r.DontTrackPrimary, failures));
        if (removed.Count > 0)
            Try(failures, "remove", () => Send($"remove {Describe(removed)}", (ref NftBatchWriter b) => _firewall.WriteRemove(ref b, removed)));
        return failures;
    }

    private List<NftVip> Elements(IReadOnlyList<VirtualIpAddress> addresses, string instanceInterface, bool dontTrackPrimary, List<string> failures)
    {
        var vips = new List<NftVip>(addresses.Count);
        foreach (var address in addresses)
        {
            var vip = NftVip.For(address, instanceInterface, dontTrackPrimary, _firewall.Settings.ForceInterfaceIndex, _indexOf);
            // a link-local address on an interface that has gone cannot be keyed: it is not blocked
            if (vip.Set == NftVipSet.Ipv6LinkLocalIndex && vip.InterfaceIndex == 0)
                failures.Add($"{address.Address}: interface {address.Device ?? instanceInterface} not found");
            else
                vips.Add(vip);
        }
        return vips;
    }

    /// <summary>Adds <paramref name="vips"/> to their sets, making keepalived's tables first if they are not there.</summary>
    private void SendAdd(string what, List<NftVip> vips)
    {
        var (staleIpv4, staleIpv6) = _firewall.HasTables ? (false, false) : StaleTables();
        Send($"{what} {Describe(vips)}", (ref NftBatchWriter b) => _firewall.WriteAdd(ref b, vips, staleIpv4, staleIpv6));
    }

    private (bool Ipv4, bool Ipv6) StaleTables()
    {
        var table = _firewall.Settings.Table;
        return (Netlink.TableExists(NfNetlinkConstants.ProtoIpv4, table, _sequence++),
                Netlink.TableExists(NfNetlinkConstants.ProtoIpv6, table, _sequence++));
    }

    private delegate void BatchContent(ref NftBatchWriter batch);

    private void Send(string what, BatchContent content)
    {
        var batch = new NftBatchWriter(_batch, _sequence);
        content(ref batch);
        var length = batch.Finish();
        _sequence = batch.NextSequence;
        if (batch.Requests == 0) return;
        var refused = Netlink.Exchange(_batch.AsSpan(0, length), batch.BeginSequence, batch.LastRequestSequence);
        if (refused.Count > 0)
        {
            var first = refused[0];
            throw new ErrnoException(first.Text is null ? $"nftables {what}" : $"nftables {what} ({first.Text})", first.Errno);
        }
    }

    private bool Try(List<string> failures, string what, Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception ex) when (ex is ErrnoException or IOException or InvalidOperationException)
        {
            _log.Warning("Nftables: {What} failed: {Error}", what, ex.Message);
            failures.Add($"nftables {what}: {ex.Message}");
            return false;
        }
    }

    private NfNetlink Netlink => _netlink ??= new NfNetlink();

    private static string Describe(List<NftVip> vips) => string.Join(", ", vips.Select(v => v.Address));
}
