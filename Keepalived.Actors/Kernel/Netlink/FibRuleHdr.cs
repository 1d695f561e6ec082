namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>struct fib_rule_hdr (linux/fib_rules.h): the fixed part of RTM_NEWRULE / RTM_DELRULE.</summary>
public readonly record struct FibRuleHdr(
    byte Family, byte DestinationLength, byte SourceLength, byte Tos, byte Table, FibRuleAction Action, uint Flags)
{
    public const int Size = 12;

    /// <summary>FIB_RULE_INVERT: "not".</summary>
    public const uint Invert = 0x2;

    public static FibRuleHdr Read(ReadOnlySpan<byte> s) =>
        new(s[0], s[1], s[2], s[3], s[4], (FibRuleAction)s[7], HostOrder.ReadU32(s[8..]));

    public void WriteTo(Span<byte> s)
    {
        s[0] = Family;
        s[1] = DestinationLength;
        s[2] = SourceLength;
        s[3] = Tos;
        s[4] = Table;
        s[5] = 0;
        s[6] = 0;
        s[7] = (byte)Action;
        HostOrder.WriteU32(s[8..], Flags);
    }
}

/// <summary>FR_ACT_*.</summary>
public enum FibRuleAction : byte
{
    Unspec = 0,
    ToTable = 1,
    Goto = 2,
    Nop = 3,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
}

/// <summary>FRA_* attribute types of rule messages.</summary>
public enum RuleAttribute : ushort
{
    Destination = 1,
    Source = 2,
    InputInterface = 3,
    Goto = 4,
    Priority = 6,
    FwMark = 10,
    Flow = 11,
    TunnelId = 12,
    SuppressIfGroup = 13,
    SuppressPrefixLength = 14,
    Table = 15,
    FwMask = 16,
    OutputInterface = 17,
    L3MDev = 19,
    UidRange = 20,
    Protocol = 21,
    IpProto = 22,
    SourcePortRange = 23,
    DestinationPortRange = 24,
}
