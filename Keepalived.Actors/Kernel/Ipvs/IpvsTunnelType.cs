namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>IP_VS_CONN_F_TUNNEL_TYPE_* (linux/ip_vs.h): tun_type of a TUN destination.</summary>
public enum IpvsTunnelType : byte
{
    Ipip = 0,
    Gue = 1,
    Gre = 2,
}

/// <summary>IP_VS_TUNNEL_ENCAP_FLAG_* (linux/ip_vs.h): tun_flags, for GUE and GRE.</summary>
public enum IpvsTunnelFlags : ushort
{
    NoChecksum = 0,
    Checksum = 1,
    RemoteChecksum = 2,
}
