namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>struct ifinfomsg (linux/rtnetlink.h): the fixed part of RTM_NEWLINK / RTM_DELLINK.</summary>
public readonly record struct IfInfoMsg(byte Family, ushort Type, int Index, InterfaceFlags Flags, uint Change)
{
    public const int Size = 16;

    /// <summary>ifi_change of ~0: the kernel announces a newly registered device.</summary>
    public const uint ChangeAll = uint.MaxValue;

    public static IfInfoMsg Read(ReadOnlySpan<byte> s) => new(
        s[0], HostOrder.ReadU16(s[2..]), HostOrder.ReadI32(s[4..]), (InterfaceFlags)HostOrder.ReadU32(s[8..]), HostOrder.ReadU32(s[12..]));

    public void WriteTo(Span<byte> s)
    {
        s[0] = Family;
        s[1] = 0;
        HostOrder.WriteU16(s[2..], Type);
        HostOrder.WriteU32(s[4..], (uint)Index);
        HostOrder.WriteU32(s[8..], (uint)Flags);
        HostOrder.WriteU32(s[12..], Change);
    }
}

/// <summary>IFLA_* attribute types the runtime reads.</summary>
public enum LinkAttribute : ushort
{
    Address = 1,
    Broadcast = 2,
    IfName = 3,
    Mtu = 4,
    Link = 5,
    Master = 10,
    OperState = 16,
    LinkMode = 17,
    LinkInfo = 18,
    AfSpec = 26,
    ExtMask = 29,
}

/// <summary>IFF_* device flags (linux/if.h).</summary>
[Flags]
public enum InterfaceFlags : uint
{
    None = 0,
    Up = 0x1,
    Broadcast = 0x2,
    Loopback = 0x8,
    PointToPoint = 0x10,
    Running = 0x40,
    NoArp = 0x80,
    Promisc = 0x100,
    AllMulti = 0x200,
    Master = 0x400,
    Slave = 0x800,
    Multicast = 0x1000,
    LowerUp = 0x10000,
    Dormant = 0x20000,
}

/// <summary>IF_OPER_* (RFC 2863 operational status, IFLA_OPERSTATE).</summary>
public enum OperState : byte
{
    Unknown = 0,
    NotPresent = 1,
    Down = 2,
    LowerLayerDown = 3,
    Testing = 4,
    Dormant = 5,
    Up = 6,
}
