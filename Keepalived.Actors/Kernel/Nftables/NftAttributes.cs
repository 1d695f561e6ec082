namespace Keepalived.Actors.Kernel.Nftables;

/// <summary>NFTA_* attribute numbers (linux/netfilter/nf_tables.h), one class per attribute set.</summary>
public static class NftAttributes
{
    public static class Table
    {
        public const ushort Name = 1;
    }

    public static class Chain
    {
        public const ushort Table = 1;
        public const ushort Name = 3;
        public const ushort Hook = 4;
        public const ushort Policy = 5;
        public const ushort Type = 7;
    }

    public static class Hook
    {
        public const ushort Number = 1;
        public const ushort Priority = 2;
    }

    public static class Set
    {
        public const ushort Table = 1;
        public const ushort Name = 2;
        public const ushort Flags = 3;
        public const ushort KeyType = 4;
        public const ushort KeyLength = 5;
        public const ushort Id = 10;
        public const ushort UserData = 13;

        /// <summary>NFT_SET_CONSTANT.</summary>
        public const uint FlagConstant = 0x2;
    }

    public static class SetElementList
    {
        public const ushort Table = 1;
        public const ushort Set = 2;
        public const ushort Elements = 3;
        public const ushort SetId = 4;
    }

    public static class SetElement
    {
        public const ushort Key = 1;
    }

    public static class Data
    {
        public const ushort Value = 1;
        public const ushort Verdict = 2;
    }

    public static class Verdict
    {
        public const ushort Code = 1;
        public const ushort Chain = 2;
    }

    public static class Rule
    {
        public const ushort Table = 1;
        public const ushort Chain = 2;
        public const ushort Expressions = 4;
    }

    /// <summary>NFTA_LIST_ELEM: each member of a list (expressions); libnftnl numbers set elements 1, 2, ... instead.</summary>
    public const ushort ListElement = 1;

    public static class Expression
    {
        public const ushort Name = 1;
        public const ushort Data = 2;
    }

    public static class Payload
    {
        public const ushort DestinationRegister = 1;
        public const ushort Base = 2;
        public const ushort Offset = 3;
        public const ushort Length = 4;
    }

    public static class Cmp
    {
        public const ushort SourceRegister = 1;
        public const ushort Op = 2;
        public const ushort Data = 3;

        /// <summary>NFT_CMP_EQ.</summary>
        public const uint Equal = 0;
    }

    public static class Lookup
    {
        public const ushort Set = 1;
        public const ushort SourceRegister = 2;
        public const ushort SetId = 4;
    }

    public static class Bitwise
    {
        public const ushort SourceRegister = 1;
        public const ushort DestinationRegister = 2;
        public const ushort Length = 3;
        public const ushort Mask = 4;
        public const ushort Xor = 5;
    }

    public static class Meta
    {
        public const ushort DestinationRegister = 1;
        public const ushort Key = 2;
    }

    public static class Immediate
    {
        public const ushort DestinationRegister = 1;
        public const ushort Data = 2;
    }
}
