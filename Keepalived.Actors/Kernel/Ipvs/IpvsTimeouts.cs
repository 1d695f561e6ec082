namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// lvs_timeouts: IPVS_CMD_ATTR_TIMEOUT_TCP / _TCP_FIN / _UDP in seconds. On SET_CONFIG a zero
/// leaves the kernel's value as it is (libipvs sends only the non-zero ones).
/// </summary>
public readonly record struct IpvsTimeouts(uint Tcp, uint TcpFin, uint Udp);
