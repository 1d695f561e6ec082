namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>nlmsg_flags (NLM_F_*, linux/netlink.h). GET, NEW and ERROR messages reuse the high bits.</summary>
public static class NetlinkFlags
{
    public const ushort Request = 0x01;
    public const ushort Multi = 0x02;
    public const ushort Ack = 0x04;
    public const ushort Echo = 0x08;
    /// <summary>NLM_F_DUMP_INTR: the table changed during the dump, which is inconsistent.</summary>
    public const ushort DumpInterrupted = 0x10;

    // modifiers of GET requests
    public const ushort Root = 0x100;
    public const ushort Match = 0x200;
    public const ushort Dump = Root | Match;

    // modifiers of NEW requests
    public const ushort Replace = 0x100;
    public const ushort Excl = 0x200;
    public const ushort Create = 0x400;
    public const ushort Append = 0x800;

    // flags of an NLMSG_ERROR message
    /// <summary>NLM_F_CAPPED: the echoed request is its header only.</summary>
    public const ushort Capped = 0x100;
    /// <summary>NLM_F_ACK_TLVS: extended-ack attributes follow.</summary>
    public const ushort AckTlvs = 0x200;
}
