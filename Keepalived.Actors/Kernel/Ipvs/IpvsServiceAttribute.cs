namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>IPVS_SVC_ATTR_* (linux/ip_vs.h): the attributes inside an IPVS_CMD_ATTR_SERVICE nest.</summary>
public static class IpvsServiceAttribute
{
    public const ushort Af = 1;
    public const ushort Protocol = 2;
    public const ushort Addr = 3;
    public const ushort Port = 4;
    public const ushort FwMark = 5;
    public const ushort SchedName = 6;
    public const ushort Flags = 7;
    public const ushort Timeout = 8;
    public const ushort Netmask = 9;
    public const ushort Stats = 10;
    public const ushort PeName = 11;
    public const ushort Stats64 = 12;

    /// <summary>IP_VS_SCHEDNAME_MAXLEN / IP_VS_PENAME_MAXLEN, with the NUL.</summary>
    public const int NameMaxLength = 16;
}
