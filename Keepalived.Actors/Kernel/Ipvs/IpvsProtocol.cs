namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>IPVS_SVC_ATTR_PROTOCOL: an IP protocol number; none for a fwmark service.</summary>
public enum IpvsProtocol : ushort
{
    None = 0,
    Tcp = 6,
    Udp = 17,
    Sctp = 132,
}
