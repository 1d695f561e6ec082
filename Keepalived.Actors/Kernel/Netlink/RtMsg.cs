namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>struct rtmsg (linux/rtnetlink.h): the fixed part of RTM_NEWROUTE / RTM_DELROUTE.</summary>
public readonly record struct RtMsg(
    byte Family, byte DestinationLength, byte SourceLength, byte Tos,
    byte Table, byte Protocol, byte Scope, byte Type, uint Flags)
{
    public const int Size = 12;

    public const byte TableUnspec = 0;
    public const byte ScopeUniverse = 0;
    public const byte ScopeNowhere = 255;
    public const byte TypeUnicast = 1;
    /// <summary>RTNH_F_ONLINK, in rtm_flags and rtnh_flags.</summary>
    public const byte NextHopOnLink = 4;

    public static RtMsg Read(ReadOnlySpan<byte> s) => new(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], HostOrder.ReadU32(s[8..]));

    public void WriteTo(Span<byte> s)
    {
        s[0] = Family;
        s[1] = DestinationLength;
        s[2] = SourceLength;
        s[3] = Tos;
        s[4] = Table;
        s[5] = Protocol;
        s[6] = Scope;
        s[7] = Type;
        HostOrder.WriteU32(s[8..], Flags);
    }
}

/// <summary>RTA_* attribute types of route messages.</summary>
public enum RouteAttribute : ushort
{
    Destination = 1,
    Source = 2,
    InputInterface = 3,
    OutputInterface = 4,
    Gateway = 5,
    Priority = 6,
    PreferredSource = 7,
    Metrics = 8,
    Multipath = 9,
    Flow = 11,
    Table = 15,
    Via = 18,
    Pref = 20,
    Expires = 23,
    TtlPropagate = 26,
}

/// <summary>RTAX_* types nested in RTA_METRICS.</summary>
public enum RouteMetric : ushort
{
    Lock = 1,
    Mtu = 2,
    Window = 3,
    Rtt = 4,
    RttVar = 5,
    SsThresh = 6,
    Cwnd = 7,
    AdvMss = 8,
    Reordering = 9,
    HopLimit = 10,
    InitCwnd = 11,
    Features = 12,
    RtoMin = 13,
    InitRwnd = 14,
    QuickAck = 15,
    CcAlgo = 16,
    FastOpenNoCookie = 17,
}
