using System.Net;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Nftables;

namespace Keepalived.Tests.Kernel.Nftables;

/// <summary>
/// <see cref="NfNetlink"/> and <see cref="NftablesFirewall"/>'s batches against the kernel, inside
/// a namespace each test creates and deletes; <c>nft</c> reads back what was made.
/// </summary>
public sealed class NfNetlinkNamespaceTests : IDisposable
{
    private static readonly NftVip Vip = new(NftVipSet.Ipv4, IPAddress.Parse("10.199.1.100"));
    private static readonly NftVip LinkLocal = new(NftVipSet.Ipv6LinkLocalName, IPAddress.Parse("fe80::1:100"), InterfaceName: "veth0");

    private readonly NetNs? _ns;
    private readonly NfNetlink? _netlink;
    private readonly NftablesFirewall _firewall = new(new NftablesSettings());
    private readonly byte[] _buffer = new byte[16384];
    private uint _sequence = 1;

    private delegate void Content(ref NftBatchWriter batch);

    public NfNetlinkNamespaceTests()
    {
        if (!NetNs.IsRoot) return;
        _ns = NetNs.Create("knft");
        _netlink = _ns.Run(() => new NfNetlink { Timeout = TimeSpan.FromSeconds(5) });
    }

    private NetNs Ns => _ns!;
    private NfNetlink Netlink => _netlink!;

    [RootFact(Tool = "nft")]
    public void An_add_makes_the_table_and_its_elements_and_cleanup_removes_it()
    {
        Assert.False(Netlink.TableExists(NfNetlinkConstants.ProtoIpv4, "keepalived", _sequence++));

        Assert.Empty(Exchange((ref NftBatchWriter b) => _firewall.WriteAdd(ref b, [Vip, LinkLocal], false, false)));

        Assert.Contains("10.199.1.100", Ns.Exec("nft", "list", "set", "ip", "keepalived", "vips"));
        Assert.Contains("fe80::1:100 . \"veth0\"", Ns.Exec("nft", "list", "set", "ip6", "keepalived", "vips_link_local_name"));
        Assert.True(Netlink.TableExists(NfNetlinkConstants.ProtoIpv4, "keepalived", _sequence++));
        Assert.True(Netlink.TableExists(NfNetlinkConstants.ProtoIpv6, "keepalived", _sequence++));

        Assert.Empty(Exchange((ref NftBatchWriter b) => _firewall.WriteRemove(ref b, [Vip])));
        Assert.DoesNotContain("10.199.1.100", Ns.Exec("nft", "list", "set", "ip", "keepalived", "vips"));

        Assert.Empty(Exchange((ref NftBatchWriter b) => _firewall.WriteCleanup(ref b)));
        Assert.Equal("", Ns.Exec("nft", "list", "ruleset").Trim());
    }

    [RootFact(Tool = "nft")]
    public void A_refused_request_is_reported_and_nothing_of_its_batch_is_applied()
    {
        Assert.Empty(Exchange((ref NftBatchWriter b) => _firewall.WriteAdd(ref b, [Vip], false, false)));
        var other = new NftVip(NftVipSet.Ipv4, IPAddress.Parse("10.199.1.101"));

        // the same element again, with NLM_F_EXCL: the kernel refuses the whole transaction
        var refused = Exchange((ref NftBatchWriter b) =>
            NftablesRuleset.Elements(ref b, _firewall.Settings, [other, Vip], add: true));

        var failure = Assert.Single(refused);
        Assert.Equal(Errno.EEXIST, failure.Errno);
        Assert.DoesNotContain("10.199.1.101", Ns.Exec("nft", "list", "set", "ip", "keepalived", "vips"));
    }

    [RootFact(Tool = "nft")]
    public void Tables_left_by_an_earlier_run_are_replaced()
    {
        Ns.Exec("nft", "add", "table", "ip", "keepalived");
        Ns.Exec("nft", "add", "chain", "ip", "keepalived", "leftover");
        var stale = Netlink.TableExists(NfNetlinkConstants.ProtoIpv4, "keepalived", _sequence++);
        Assert.True(stale);

        Assert.Empty(Exchange((ref NftBatchWriter b) => _firewall.WriteAdd(ref b, [Vip], stale, false)));

        var ruleset = Ns.Exec("nft", "list", "ruleset");
        Assert.DoesNotContain("leftover", ruleset);
        Assert.Contains("10.199.1.100", ruleset);
    }

    public void Dispose()
    {
        _netlink?.Dispose();
        _ns?.Dispose();
    }

    private List<NfNetlink.Failure> Exchange(Content content)
    {
        var batch = new NftBatchWriter(_buffer, _sequence);
        content(ref batch);
        var length = batch.Finish();
        _sequence = batch.NextSequence;
        return Netlink.Exchange(_buffer.AsSpan(0, length), batch.BeginSequence, batch.LastRequestSequence);
    }
}
