namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>IPVS_CMD_ATTR_* and IPVS_INFO_ATTR_* (linux/ip_vs.h): the top-level attributes.</summary>
public static class IpvsAttribute
{
    /// <summary>IPVS_GENL_VERSION: the genlmsghdr version of every IPVS request.</summary>
    public const byte GenlVersion = 1;

    /// <summary>IPVS_GENL_NAME: the family nlctrl resolves.</summary>
    public const string FamilyName = "IPVS";

    public const ushort Service = 1;
    public const ushort Dest = 2;
    public const ushort Daemon = 3;
    public const ushort TimeoutTcp = 4;
    public const ushort TimeoutTcpFin = 5;
    public const ushort TimeoutUdp = 6;

    // in the GET_INFO reply (cmd SET_INFO)
    public const ushort InfoVersion = 1;
    public const ushort InfoConnTabSize = 2;
}
