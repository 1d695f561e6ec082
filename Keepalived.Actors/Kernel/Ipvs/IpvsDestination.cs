using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// One real server of a service (IPVS_CMD_ATTR_DEST). <see cref="Family"/> may differ from the
/// service's only for tunnel destinations. The tunnel fields matter only for
/// <see cref="IpvsForwardingMethod.Tunnel"/>: <see cref="TunnelPort"/> for GUE,
/// <see cref="TunnelFlags"/> for GUE and GRE.
/// </summary>
public readonly record struct IpvsDestination(
    IPAddress Address,
    ushort Port,
    IpvsForwardingMethod ForwardingMethod,
    int Weight,
    uint UpperThreshold = 0,
    uint LowerThreshold = 0,
    IpvsTunnelType TunnelType = IpvsTunnelType.Ipip,
    ushort TunnelPort = 0,
    IpvsTunnelFlags TunnelFlags = IpvsTunnelFlags.NoChecksum)
{
    public AddressFamily Family => Address.AddressFamily;
}
