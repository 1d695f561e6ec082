using System.Net;
using System.Net.Sockets;

namespace Keepalived.Actors.Check.Probes;

/// <summary>
/// Where and how a probe connects, resolved from a checker's conn_opts_t: the destination
/// (connect_ip/connect_port, else the real server as written), the source (bindto/bind_port),
/// bind_if, fwmark and connect_timeout.
/// </summary>
public sealed record ProbeTarget(
    IPEndPoint Destination,
    TimeSpan ConnectTimeout,
    IPEndPoint? BindTo = null,
    string? BindInterface = null,
    uint Fwmark = 0)
{
    public AddressFamily Family => Destination.AddressFamily;

    /// <summary>inet_sockaddrtopair: <c>[addr]:port</c>, how keepalived names the target in its logs.</summary>
    public override string ToString() => $"[{Destination.Address}]:{Destination.Port}";
}
