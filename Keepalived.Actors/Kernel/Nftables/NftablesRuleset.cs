using Keepalived.Actors.Kernel.Netlink;
using A = Keepalived.Actors.Kernel.Nftables.NftAttributes;
using E = Keepalived.Actors.Kernel.Nftables.NftExpressions;

namespace Keepalived.Actors.Kernel.Nftables;

/// <summary>
/// The requests that build keepalived's ruleset (vrrp_nftables.c), one per object, in the order
/// and with the attributes keepalived sends them, so that <c>nft list ruleset</c> shows the same:
/// per family a table with "in" and "out" filter chains on the input and output hooks that drop
/// traffic to and from the addresses in the "vips" set (RFC 5798 Accept_Mode False). IPv6 lets
/// neighbour discovery through first and sends link-local addresses to chains that match them
/// with their interface.
/// </summary>
public static class NftablesRuleset
{
    private const ushort Create = NetlinkFlags.Create;
    // offsets in struct iphdr / struct ip6_hdr
    private const uint Ipv4Source = 12, Ipv4Destination = 16, Ipv6NextHeader = 6, Ipv6Source = 8, Ipv6Destination = 24;
    private const byte Icmpv6 = 58, NeighborSolicit = 135, NeighborAdvert = 136;
    /// <summary>libnftnl's NFTNL_UDATA_SET_KEYBYTEORDER, with BYTEORDER_HOST_ENDIAN (1) or _BIG_ENDIAN (2).</summary>
    private const byte UserDataKeyByteOrder = 0;

    public const string NeighborDiscoverySet = "neighbor-discovery";

    public static void Table(ref NftBatchWriter b, NftablesSettings s, byte family, bool add)
    {
        b.Begin(add ? NftMessageType.NewTable : NftMessageType.DelTable, family, add ? Create : (ushort)0);
        b.Writer.AttributeString(A.Table.Name, s.Table);
        b.End();
    }

    /// <summary>A filter chain on <paramref name="hook"/> at the configured priority, policy accept.</summary>
    public static void BaseChain(ref NftBatchWriter b, NftablesSettings s, byte family, string name, NfHook hook)
    {
        ChainStart(ref b, s, family, name);
        ref var w = ref b.Writer;
        var nest = w.BeginNested(A.Chain.Hook | NetlinkWriter.NestedFlag);
        w.AttributeU32BigEndian(A.Hook.Number, (uint)hook);
        w.AttributeU32BigEndian(A.Hook.Priority, unchecked((uint)s.Priority));
        w.EndNested(nest);
        w.AttributeU32BigEndian(A.Chain.Policy, (uint)NftVerdict.Accept);
        w.AttributeString(A.Chain.Type, "filter");
        b.End();
    }

    /// <summary>A regular chain, entered only by a goto.</summary>
    public static void Chain(ref NftBatchWriter b, NftablesSettings s, byte family, string name)
    {
        ChainStart(ref b, s, family, name);
        b.End();
    }

    /// <summary>A named set; <paramref name="id"/> numbers it within the transaction, as libnftnl does.</summary>
    public static void Set(ref NftBatchWriter b, NftablesSettings s, byte family, string name, uint keyType, int keyLength,
        uint id, bool bigEndianKey, uint flags = 0)
    {
        b.Begin(NftMessageType.NewSet, family, Create);
        ref var w = ref b.Writer;
        w.AttributeString(A.Set.Table, s.Table);
        w.AttributeString(A.Set.Name, name);
        if (flags != 0) w.AttributeU32BigEndian(A.Set.Flags, flags);
        w.AttributeU32BigEndian(A.Set.KeyType, keyType);
        w.AttributeU32BigEndian(A.Set.KeyLength, (uint)keyLength);
        w.AttributeU32BigEndian(A.Set.Id, id);
        // nft reads the key's byte order from the user data to print the elements
        var userData = w.Attribute(A.Set.UserData, 6);
        userData[0] = UserDataKeyByteOrder;
        userData[1] = 4;
        BitConverter.TryWriteBytes(userData[2..], bigEndianKey ? 2u : 1u);
        b.End();
    }

    /// <summary>The constant set of the ICMPv6 types that must pass (neighbour solicitation and advertisement).</summary>
    public static void NeighborDiscovery(ref NftBatchWriter b, NftablesSettings s, uint id)
    {
        Set(ref b, s, NfNetlinkConstants.ProtoIpv6, NeighborDiscoverySet, (uint)NftDataType.Icmpv6Type, 1, id, false, A.Set.FlagConstant);
        b.Begin(NftMessageType.NewSetElem, NfNetlinkConstants.ProtoIpv6, Create);
        ref var w = ref b.Writer;
        w.AttributeString(A.SetElementList.Set, NeighborDiscoverySet);
        w.AttributeU32BigEndian(A.SetElementList.SetId, id);
        w.AttributeString(A.SetElementList.Table, s.Table);
        var list = w.BeginNested(A.SetElementList.Elements | NetlinkWriter.NestedFlag);
        ReadOnlySpan<byte> types = [NeighborSolicit, NeighborAdvert];
        for (var i = 0; i < types.Length; i++)
            Element(ref w, i + 1, types.Slice(i, 1));
        w.EndNested(list);
        b.End();
    }

    /// <summary>
    /// Adds (NLM_F_EXCL: an element already there fails the batch) or deletes
    /// <paramref name="vips"/>, which must all belong to one set.
    /// </summary>
    public static void Elements(ref NftBatchWriter b, NftablesSettings s, IReadOnlyList<NftVip> vips, bool add)
    {
        var first = vips[0];
        b.Begin(add ? NftMessageType.NewSetElem : NftMessageType.DelSetElem, first.Family,
            add ? (ushort)(Create | NetlinkFlags.Excl) : (ushort)0);
        ref var w = ref b.Writer;
        w.AttributeString(A.SetElementList.Set, first.SetName);
        w.AttributeString(A.SetElementList.Table, s.Table);
        var list = w.BeginNested(A.SetElementList.Elements | NetlinkWriter.NestedFlag);
        Span<byte> key = stackalloc byte[NftVip.KeyLengthOf(NftVipSet.Ipv6LinkLocalName)];
        for (var i = 0; i < vips.Count; i++)
        {
            vips[i].WriteKey(key);
            Element(ref w, i + 1, key[..vips[i].KeyLength]);
        }
        w.EndNested(list);
        b.End();
    }

    /// <summary><c>ip[6] {s|d}addr @set drop</c>: the "vips" rule of the in (daddr) or out (saddr) chain.</summary>
    public static void VipRule(ref NftBatchWriter b, NftablesSettings s, byte family, string chain, bool source, string set)
    {
        RuleStart(ref b, s, family, chain);
        ref var w = ref b.Writer;
        var list = w.BeginNested(A.Rule.Expressions | NetlinkWriter.NestedFlag);
        AddressPayload(ref w, family, source);
        E.Lookup(ref w, NftRegister.Reg1, set);
        End(ref b, s, list, NftVerdict.Drop);
    }

    /// <summary><c>ip6 {s|d}addr . {o|i}if[name] @set drop</c>: a link-local address with its interface.</summary>
    public static void LinkLocalRule(ref NftBatchWriter b, NftablesSettings s, string chain, bool source, bool byName, string set)
    {
        RuleStart(ref b, s, NfNetlinkConstants.ProtoIpv6, chain);
        ref var w = ref b.Writer;
        var list = w.BeginNested(A.Rule.Expressions | NetlinkWriter.NestedFlag);
        AddressPayload(ref w, NfNetlinkConstants.ProtoIpv6, source);
        var key = source ? (byName ? NftMetaKey.OifName : NftMetaKey.Oif) : (byName ? NftMetaKey.IifName : NftMetaKey.Iif);
        // the interface follows the 16-byte address in the next register: the lookup reads both
        E.Meta(ref w, key, NftRegister.Reg2);
        E.Lookup(ref w, NftRegister.Reg1, set);
        End(ref b, s, list, NftVerdict.Drop);
    }

    /// <summary><c>icmpv6 type @neighbor-discovery accept</c>: ahead of the drops, so ND to and from a VIP still works.</summary>
    public static void NeighborDiscoveryRule(ref NftBatchWriter b, NftablesSettings s, string chain)
    {
        RuleStart(ref b, s, NfNetlinkConstants.ProtoIpv6, chain);
        ref var w = ref b.Writer;
        var list = w.BeginNested(A.Rule.Expressions | NetlinkWriter.NestedFlag);
        E.Payload(ref w, NftPayloadBase.Network, Ipv6NextHeader, 1, NftRegister.Reg1);
        E.CmpEqual(ref w, NftRegister.Reg1, [Icmpv6]);
        E.Payload(ref w, NftPayloadBase.Transport, 0, 1, NftRegister.Reg1);
        E.Lookup(ref w, NftRegister.Reg1, NeighborDiscoverySet);
        End(ref b, s, list, NftVerdict.Accept);
    }

    /// <summary><c>ip6 {s|d}addr fe80::/10 goto CHAIN</c>.</summary>
    public static void LinkLocalGoto(ref NftBatchWriter b, NftablesSettings s, string chain, bool source, string target)
    {
        RuleStart(ref b, s, NfNetlinkConstants.ProtoIpv6, chain);
        ref var w = ref b.Writer;
        var list = w.BeginNested(A.Rule.Expressions | NetlinkWriter.NestedFlag);
        AddressPayload(ref w, NfNetlinkConstants.ProtoIpv6, source);
        Span<byte> mask = stackalloc byte[16], prefix = stackalloc byte[16];
        mask.Clear();
        prefix.Clear();
        mask[0] = 0xff;
        mask[1] = 0xc0;
        prefix[0] = 0xfe;
        prefix[1] = 0x80;
        E.Bitwise(ref w, NftRegister.Reg1, mask, stackalloc byte[16]);
        E.CmpEqual(ref w, NftRegister.Reg1, prefix);
        End(ref b, s, list, NftVerdict.Goto, target);
    }

    private static void ChainStart(ref NftBatchWriter b, NftablesSettings s, byte family, string name)
    {
        b.Begin(NftMessageType.NewChain, family, Create);
        b.Writer.AttributeString(A.Chain.Table, s.Table);
        b.Writer.AttributeString(A.Chain.Name, name);
    }

    private static void RuleStart(ref NftBatchWriter b, NftablesSettings s, byte family, string chain)
    {
        b.Begin(NftMessageType.NewRule, family, (ushort)(NetlinkFlags.Append | Create));
        b.Writer.AttributeString(A.Rule.Table, s.Table);
        b.Writer.AttributeString(A.Rule.Chain, chain);
    }

    private static void AddressPayload(ref NetlinkWriter w, byte family, bool source)
    {
        if (family == NfNetlinkConstants.ProtoIpv4)
            E.Payload(ref w, NftPayloadBase.Network, source ? Ipv4Source : Ipv4Destination, 4, NftRegister.Reg1);
        else
            E.Payload(ref w, NftPayloadBase.Network, source ? Ipv6Source : Ipv6Destination, 16, NftRegister.Reg1);
    }

    /// <summary>The optional counter and the verdict close the expression list and the rule.</summary>
    private static void End(ref NftBatchWriter b, NftablesSettings s, int list, NftVerdict verdict, string? chain = null)
    {
        ref var w = ref b.Writer;
        if (s.Counters) E.Counter(ref w);
        E.Verdict(ref w, verdict, chain);
        w.EndNested(list);
        b.End();
    }

    /// <summary>One set element: libnftnl numbers them 1, 2, ... (the kernel ignores the type).</summary>
    private static void Element(ref NetlinkWriter w, int index, scoped ReadOnlySpan<byte> key)
    {
        var element = w.BeginNested((ushort)(index | NetlinkWriter.NestedFlag));
        E.DataValue(ref w, A.SetElement.Key, key);
        w.EndNested(element);
    }
}
