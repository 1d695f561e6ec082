namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>IP_VS_CONN_F_FWD_MASK values (linux/ip_vs.h): lb_kind NAT, local, TUN, DR.</summary>
public enum IpvsForwardingMethod : uint
{
    Masq = 0,
    Local = 1,
    Tunnel = 2,
    Route = 3,
}
