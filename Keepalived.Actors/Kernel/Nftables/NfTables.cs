namespace Keepalived.Actors.Kernel.Nftables;

// The numbers of linux/netfilter/nf_tables.h and nfnetlink.h that keepalived's ruleset uses,
// one small type per kind of value (NFTA_* attribute numbers are in NftAttributes).

/// <summary>NFT_MSG_* (linux/netfilter/nf_tables.h): the low byte of an nf_tables nlmsg_type.</summary>
public enum NftMessageType : byte
{
    NewTable = 0,
    GetTable = 1,
    DelTable = 2,
    NewChain = 3,
    NewRule = 6,
    NewSet = 9,
    NewSetElem = 12,
    DelSetElem = 14,
}

/// <summary>The nfnetlink framing an nf_tables request travels in (linux/netfilter/nfnetlink.h).</summary>
public static class NfNetlinkConstants
{
    /// <summary>NFNL_SUBSYS_NFTABLES: the high byte of nlmsg_type, and res_id of a batch's begin / end.</summary>
    public const byte SubsystemNfTables = 10;
    /// <summary>NFNL_MSG_BATCH_BEGIN / _END (NLMSG_MIN_TYPE and the next).</summary>
    public const ushort BatchBegin = 0x10;
    public const ushort BatchEnd = 0x11;
    /// <summary>sizeof(struct nfgenmsg): family, version, res_id (network order).</summary>
    public const int NfGenMsgSize = 4;

    /// <summary>NFPROTO_IPV4 / NFPROTO_IPV6: the families of keepalived's two tables.</summary>
    public const byte ProtoIpv4 = 2;
    public const byte ProtoIpv6 = 10;

    public static ushort MessageType(NftMessageType type) => (ushort)(SubsystemNfTables << 8 | (byte)type);
}

/// <summary>NF_INET_* hooks a base chain attaches to.</summary>
public enum NfHook : uint
{
    LocalIn = 1,
    LocalOut = 3,
}

/// <summary>Verdict codes: netfilter's NF_DROP / NF_ACCEPT and nf_tables' own NFT_GOTO.</summary>
public enum NftVerdict : uint
{
    Drop = 0,
    Accept = 1,
    Goto = unchecked((uint)-4),
}

/// <summary>NFT_REG_*: the verdict register and the 16-byte data registers.</summary>
public enum NftRegister : uint
{
    Verdict = 0,
    Reg1 = 1,
    Reg2 = 2,
}

/// <summary>NFT_PAYLOAD_*_HEADER: where a payload expression's offset counts from.</summary>
public enum NftPayloadBase : uint
{
    Network = 1,
    Transport = 2,
}

/// <summary>NFT_META_* keys keepalived matches on.</summary>
public enum NftMetaKey : uint
{
    Iif = 4,
    Oif = 5,
    IifName = 6,
    OifName = 7,
}

/// <summary>
/// nft's data type numbers (nftables' include/datatype.h), stored in a set's key type so that
/// <c>nft list</c> prints the elements; a concatenation packs them <see cref="Bits"/> apart.
/// </summary>
public enum NftDataType : uint
{
    Ipv4Addr = 7,
    Ipv6Addr = 8,
    IfIndex = 20,
    Icmpv6Type = 29,
    IfName = 41,
}

public static class NftDataTypes
{
    public const int Bits = 6;

    public static uint Concat(NftDataType first, NftDataType second) => (uint)first << Bits | (uint)second;
}
