using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Vrrp;
using Keepalived.Actors.Kernel.Vrrp;
using Keepalived.Actors.Protocol.Packet;
using Keepalived.Tests.Protocol.Packet;

namespace Keepalived.Tests.Vrrp.Actors;

/// <summary>
/// Adverts as another router on the link sends them, written with the codec and wrapped the way
/// <see cref="VrrpSocketActor"/> hands an IPv4 datagram to an instance (IP header included).
/// </summary>
internal static class PeerAdvert
{
    /// <summary>A VRRPv2 advert for <see cref="InstanceRig"/>'s instance; every field can be made wrong.</summary>
    public static VrrpSocketActor.Received V2(int priority, string password = InstanceRig.Password, byte ttl = 255,
        IPAddress? source = null, IPAddress[]? addresses = null, int vrid = InstanceRig.Vrid)
    {
        var from = source ?? InstanceRig.Peer;
        var fields = new VrrpAdvertFields(2, AddressFamily.InterNetwork, (byte)vrid, (byte)priority, 1, VrrpAuthType.Pass);
        var message = PacketTestSupport.Advert(fields, from.ToString(), InstanceRig.Group.ToString(),
            [.. (addresses ?? [InstanceRig.Vip]).Select(a => a.ToString())], password);
        var datagram = PacketTestSupport.Ipv4Datagram(from.ToString(), InstanceRig.Group.ToString(), message, ttl);
        return new VrrpSocketActor.Received(datagram, datagram.Length, true, from.GetAddressBytes(),
            InstanceRig.Group.GetAddressBytes(), ttl, from);
    }
}
