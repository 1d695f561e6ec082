namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>struct ifaddrmsg (linux/if_addr.h): the fixed part of RTM_NEWADDR / RTM_DELADDR.</summary>
public readonly record struct IfAddrMsg(byte Family, byte PrefixLength, byte Flags, byte Scope, int Index)
{
    public const int Size = 8;

    public static IfAddrMsg Read(ReadOnlySpan<byte> s) => new(s[0], s[1], s[2], s[3], HostOrder.ReadI32(s[4..]));

    public void WriteTo(Span<byte> s)
    {
        s[0] = Family;
        s[1] = PrefixLength;
        s[2] = Flags;
        s[3] = Scope;
        HostOrder.WriteU32(s[4..], (uint)Index);
    }
}

/// <summary>IFA_* attribute types.</summary>
public enum AddressAttribute : ushort
{
    Address = 1,
    Local = 2,
    Label = 3,
    Broadcast = 4,
    Anycast = 5,
    CacheInfo = 6,
    Multicast = 7,
    Flags = 8,
}

/// <summary>IFA_F_* address flags (the low 8 in ifa_flags, all 32 in IFA_FLAGS).</summary>
[Flags]
public enum AddressFlags : uint
{
    None = 0,
    Secondary = 0x01,
    NoDad = 0x02,
    Optimistic = 0x04,
    DadFailed = 0x08,
    HomeAddress = 0x10,
    Deprecated = 0x20,
    Tentative = 0x40,
    Permanent = 0x80,
    ManageTempAddr = 0x100,
    NoPrefixRoute = 0x200,
    McAutoJoin = 0x400,
    StablePrivacy = 0x800,
}
