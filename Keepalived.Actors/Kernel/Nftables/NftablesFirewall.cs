using R = Keepalived.Actors.Kernel.Nftables.NftablesRuleset;

namespace Keepalived.Actors.Kernel.Nftables;

/// <summary>
/// What keepalived has put in nf_tables (vrrp_nftables.c's *_setup flags and each address's
/// nftable_rule_set), and the batches that change it: a table, its chains, sets and rules are
/// created the first time an address of their kind is added, and stay until
/// <see cref="WriteCleanup"/>; addresses come and go as set elements. An address held by two
/// instances stays in its set until both have released it. No I/O: the caller sends the batch,
/// and puts <see cref="Setup"/> back if the kernel refused it.
/// </summary>
public sealed class NftablesFirewall(NftablesSettings settings)
{
    private const string In = "in", Out = "out", InLinkLocal = "in_link_local", OutLinkLocal = "out_link_local";
    private static readonly NftVipSet[] SetOrder = [NftVipSet.Ipv4, NftVipSet.Ipv6, NftVipSet.Ipv6LinkLocalIndex, NftVipSet.Ipv6LinkLocalName];

    private readonly Dictionary<NftVip, int> _holders = [];
    // libnftnl numbers the sets of a process from 1
    private uint _setId;

    /// <summary>Which of keepalived's objects exist.</summary>
    public readonly record struct SetupState(bool Ipv4Table, bool Ipv4Vips, bool Ipv6Table, bool Ipv6Vips,
        bool LinkLocalIndex, bool LinkLocalName);

    public NftablesSettings Settings { get; } = settings;

    public SetupState Setup { get; set; }

    public bool HasTables => Setup.Ipv4Table || Setup.Ipv6Table;

    /// <summary>The addresses in the sets now.</summary>
    public IReadOnlyCollection<NftVip> Elements => _holders.Keys;

    /// <summary>Counts a holder for each address; returns those not in their set yet.</summary>
    public List<NftVip> Retain(IEnumerable<NftVip> vips)
    {
        var added = new List<NftVip>();
        foreach (var vip in vips)
        {
            var holders = _holders.GetValueOrDefault(vip);
            _holders[vip] = holders + 1;
            if (holders == 0) added.Add(vip);
        }
        return added;
    }

    /// <summary>Drops a holder of each address; returns those nobody holds any more.</summary>
    public List<NftVip> Release(IEnumerable<NftVip> vips)
    {
        var removed = new List<NftVip>();
        foreach (var vip in vips)
        {
            if (!_holders.TryGetValue(vip, out var holders)) continue;
            if (holders > 1) _holders[vip] = holders - 1;
            else
            {
                _holders.Remove(vip);
                removed.Add(vip);
            }
        }
        return removed;
    }

    /// <summary>
    /// Writes the creation of whatever <paramref name="vips"/> need that does not exist yet, then
    /// their elements, one request per set. Before the first table, tables of an earlier run
    /// (<paramref name="staleIpv4"/>, <paramref name="staleIpv6"/>: the caller asked the kernel)
    /// are deleted, so that nothing of theirs is left.
    /// </summary>
    public void WriteAdd(ref NftBatchWriter b, IReadOnlyList<NftVip> vips, bool staleIpv4, bool staleIpv6)
    {
        foreach (var vip in vips)
            EnsureSetUp(ref b, vip.Set, staleIpv4, staleIpv6);
        WriteElements(ref b, vips, add: true);
    }

    /// <summary>Writes the deletion of <paramref name="vips"/> from their sets.</summary>
    public void WriteRemove(ref NftBatchWriter b, IReadOnlyList<NftVip> vips) => WriteElements(ref b, vips, add: false);

    /// <summary>
    /// Writes the deletion of keepalived's tables (everything in them goes too) and forgets them;
    /// with <paramref name="keepHolders"/> it still knows which addresses were held, to put them back.
    /// </summary>
    public void WriteCleanup(ref NftBatchWriter b, bool keepHolders = false)
    {
        if (Setup.Ipv4Table) R.Table(ref b, Settings, NfNetlinkConstants.ProtoIpv4, add: false);
        if (Setup.Ipv6Table) R.Table(ref b, Settings, NfNetlinkConstants.ProtoIpv6, add: false);
        Setup = default;
        if (!keepHolders) _holders.Clear();
    }

    private void WriteElements(ref NftBatchWriter b, IReadOnlyList<NftVip> vips, bool add)
    {
        foreach (var set in SetOrder)
        {
            var members = vips.Where(v => v.Set == set).ToList();
            if (members.Count > 0) R.Elements(ref b, Settings, members, add);
        }
    }

    private void EnsureSetUp(ref NftBatchWriter b, NftVipSet set, bool staleIpv4, bool staleIpv6)
    {
        if (set == NftVipSet.Ipv4)
        {
            if (!Setup.Ipv4Vips) SetUpIpv4(ref b, staleIpv4, staleIpv6);
            return;
        }
        if (!Setup.Ipv6Vips) SetUpIpv6(ref b, staleIpv4, staleIpv6);
        if (set == NftVipSet.Ipv6LinkLocalIndex && !Setup.LinkLocalIndex)
        {
            SetUpLinkLocal(ref b, byName: false);
            Setup = Setup with { LinkLocalIndex = true };
        }
        else if (set == NftVipSet.Ipv6LinkLocalName && !Setup.LinkLocalName)
        {
            SetUpLinkLocal(ref b, byName: true);
            Setup = Setup with { LinkLocalName = true };
        }
    }

    private void SetUpTable(ref NftBatchWriter b, byte family, bool staleIpv4, bool staleIpv6)
    {
        if (!HasTables)
        {
            if (staleIpv4) R.Table(ref b, Settings, NfNetlinkConstants.ProtoIpv4, add: false);
            if (staleIpv6) R.Table(ref b, Settings, NfNetlinkConstants.ProtoIpv6, add: false);
        }
        R.Table(ref b, Settings, family, add: true);
        R.BaseChain(ref b, Settings, family, Out, NfHook.LocalOut);
        Setup = family == NfNetlinkConstants.ProtoIpv4 ? Setup with { Ipv4Table = true } : Setup with { Ipv6Table = true };
    }

    private void SetUpIpv4(ref NftBatchWriter b, bool staleIpv4, bool staleIpv6)
    {
        const byte family = NfNetlinkConstants.ProtoIpv4;
        if (!Setup.Ipv4Table) SetUpTable(ref b, family, staleIpv4, staleIpv6);
        R.BaseChain(ref b, Settings, family, In, NfHook.LocalIn);
        R.Set(ref b, Settings, family, "vips", (uint)NftDataType.Ipv4Addr, 4, ++_setId, bigEndianKey: true);
        R.VipRule(ref b, Settings, family, In, source: false, "vips");
        R.VipRule(ref b, Settings, family, Out, source: true, "vips");
        Setup = Setup with { Ipv4Vips = true };
    }

    private void SetUpIpv6(ref NftBatchWriter b, bool staleIpv4, bool staleIpv6)
    {
        const byte family = NfNetlinkConstants.ProtoIpv6;
        if (!Setup.Ipv6Table) SetUpTable(ref b, family, staleIpv4, staleIpv6);
        R.BaseChain(ref b, Settings, family, In, NfHook.LocalIn);
        R.Chain(ref b, Settings, family, InLinkLocal);
        R.Chain(ref b, Settings, family, OutLinkLocal);
        R.Set(ref b, Settings, family, "vips", (uint)NftDataType.Ipv6Addr, 16, ++_setId, bigEndianKey: true);
        R.NeighborDiscovery(ref b, Settings, ++_setId);
        // neighbour discovery passes, link-local addresses are judged with their interface, then the drops
        R.NeighborDiscoveryRule(ref b, Settings, In);
        R.LinkLocalGoto(ref b, Settings, In, source: false, InLinkLocal);
        R.NeighborDiscoveryRule(ref b, Settings, Out);
        R.LinkLocalGoto(ref b, Settings, Out, source: true, OutLinkLocal);
        R.VipRule(ref b, Settings, family, In, source: false, "vips");
        R.VipRule(ref b, Settings, family, Out, source: true, "vips");
        Setup = Setup with { Ipv6Vips = true };
    }

    private void SetUpLinkLocal(ref NftBatchWriter b, bool byName)
    {
        var set = byName ? NftVipSet.Ipv6LinkLocalName : NftVipSet.Ipv6LinkLocalIndex;
        var name = new NftVip(set, System.Net.IPAddress.IPv6None).SetName;
        var type = NftDataTypes.Concat(NftDataType.Ipv6Addr, byName ? NftDataType.IfName : NftDataType.IfIndex);
        R.Set(ref b, Settings, NfNetlinkConstants.ProtoIpv6, name, type, NftVip.KeyLengthOf(set), ++_setId, bigEndianKey: false);
        R.LinkLocalRule(ref b, Settings, InLinkLocal, source: false, byName, name);
        R.LinkLocalRule(ref b, Settings, OutLinkLocal, source: true, byName, name);
    }
}
