using System.Net;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>A unicast_peer line.</summary>
public sealed record UnicastPeer(IPAddress Address, int MinTtl = 0, int MaxTtl = 255);
