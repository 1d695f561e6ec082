namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>IPVS_DEST_ATTR_* (linux/ip_vs.h): the attributes inside an IPVS_CMD_ATTR_DEST nest.</summary>
public static class IpvsDestinationAttribute
{
    public const ushort Addr = 1;
    public const ushort Port = 2;
    public const ushort FwdMethod = 3;
    public const ushort Weight = 4;
    public const ushort UThresh = 5;
    public const ushort LThresh = 6;
    public const ushort ActiveConns = 7;
    public const ushort InactConns = 8;
    public const ushort PersistConns = 9;
    public const ushort Stats = 10;
    public const ushort AddrFamily = 11;
    public const ushort Stats64 = 12;
    public const ushort TunType = 13;
    public const ushort TunPort = 14;
    public const ushort TunFlags = 15;
}
