using Keepalived.Actors.Kernel.Netlink;
using Expr = Keepalived.Actors.Kernel.Nftables.NftAttributes;

namespace Keepalived.Actors.Kernel.Nftables;

/// <summary>
/// The expressions of a rule's NFTA_RULE_EXPRESSIONS list, each an NFTA_LIST_ELEM holding its
/// name and an NFTA_EXPR_DATA nest, with attributes in libnftnl's order (so that the bytes are
/// keepalived's). Integers are in network order; matched data is as it is on the wire.
/// </summary>
public static class NftExpressions
{
    /// <summary>Loads <paramref name="length"/> bytes at <paramref name="offset"/> of a header into <paramref name="register"/>.</summary>
    public static void Payload(ref NetlinkWriter w, NftPayloadBase header, uint offset, uint length, NftRegister register)
    {
        var (element, data) = Begin(ref w, "payload");
        w.AttributeU32BigEndian(Expr.Payload.DestinationRegister, (uint)register);
        w.AttributeU32BigEndian(Expr.Payload.Base, (uint)header);
        w.AttributeU32BigEndian(Expr.Payload.Offset, offset);
        w.AttributeU32BigEndian(Expr.Payload.Length, length);
        End(ref w, element, data);
    }

    /// <summary>Matches when <paramref name="register"/> equals <paramref name="value"/>.</summary>
    public static void CmpEqual(ref NetlinkWriter w, NftRegister register, scoped ReadOnlySpan<byte> value)
    {
        var (element, data) = Begin(ref w, "cmp");
        w.AttributeU32BigEndian(Expr.Cmp.SourceRegister, (uint)register);
        w.AttributeU32BigEndian(Expr.Cmp.Op, Expr.Cmp.Equal);
        DataValue(ref w, Expr.Cmp.Data, value);
        End(ref w, element, data);
    }

    /// <summary><paramref name="register"/> = (<paramref name="register"/> &amp; mask) ^ xor.</summary>
    public static void Bitwise(ref NetlinkWriter w, NftRegister register, scoped ReadOnlySpan<byte> mask, scoped ReadOnlySpan<byte> xor)
    {
        var (element, data) = Begin(ref w, "bitwise");
        w.AttributeU32BigEndian(Expr.Bitwise.SourceRegister, (uint)register);
        w.AttributeU32BigEndian(Expr.Bitwise.DestinationRegister, (uint)register);
        w.AttributeU32BigEndian(Expr.Bitwise.Length, (uint)mask.Length);
        DataValue(ref w, Expr.Bitwise.Mask, mask);
        DataValue(ref w, Expr.Bitwise.Xor, xor);
        End(ref w, element, data);
    }

    /// <summary>Matches when the key in <paramref name="register"/> (and the registers after it) is in <paramref name="set"/>.</summary>
    public static void Lookup(ref NetlinkWriter w, NftRegister register, string set)
    {
        var (element, data) = Begin(ref w, "lookup");
        w.AttributeU32BigEndian(Expr.Lookup.SourceRegister, (uint)register);
        w.AttributeString(Expr.Lookup.Set, set);
        End(ref w, element, data);
    }

    /// <summary>Loads packet metadata (the in / out interface) into <paramref name="register"/>.</summary>
    public static void Meta(ref NetlinkWriter w, NftMetaKey key, NftRegister register)
    {
        var (element, data) = Begin(ref w, "meta");
        w.AttributeU32BigEndian(Expr.Meta.Key, (uint)key);
        w.AttributeU32BigEndian(Expr.Meta.DestinationRegister, (uint)register);
        End(ref w, element, data);
    }

    /// <summary>Counts packets and bytes (global_defs nftables_counters); its data nest is empty.</summary>
    public static void Counter(ref NetlinkWriter w)
    {
        var (element, data) = Begin(ref w, "counter");
        End(ref w, element, data);
    }

    /// <summary>Ends the rule with a verdict; a goto names its <paramref name="chain"/>.</summary>
    public static void Verdict(ref NetlinkWriter w, NftVerdict verdict, string? chain = null)
    {
        var (element, data) = Begin(ref w, "immediate");
        w.AttributeU32BigEndian(Expr.Immediate.DestinationRegister, (uint)NftRegister.Verdict);
        var immediate = w.BeginNested(Expr.Immediate.Data | NetlinkWriter.NestedFlag);
        var code = w.BeginNested(Expr.Data.Verdict | NetlinkWriter.NestedFlag);
        w.AttributeU32BigEndian(Expr.Verdict.Code, (uint)verdict);
        if (chain is not null) w.AttributeString(Expr.Verdict.Chain, chain);
        w.EndNested(code);
        w.EndNested(immediate);
        End(ref w, element, data);
    }

    /// <summary>An NFTA_DATA_VALUE inside a nest of type <paramref name="type"/>.</summary>
    public static void DataValue(ref NetlinkWriter w, ushort type, scoped ReadOnlySpan<byte> value)
    {
        var nest = w.BeginNested((ushort)(type | NetlinkWriter.NestedFlag));
        w.Attribute(Expr.Data.Value, value);
        w.EndNested(nest);
    }

    private static (int Element, int Data) Begin(ref NetlinkWriter w, string name)
    {
        var element = w.BeginNested(Expr.ListElement | NetlinkWriter.NestedFlag);
        w.AttributeString(Expr.Expression.Name, name);
        return (element, w.BeginNested(Expr.Expression.Data | NetlinkWriter.NestedFlag));
    }

    private static void End(ref NetlinkWriter w, int element, int data)
    {
        w.EndNested(data);
        w.EndNested(element);
    }
}
