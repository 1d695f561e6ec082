using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Global;
using Keepalived.Actors.Kernel.Libc;

namespace Keepalived.Actors.Kernel.Netlink;

/// <summary>
/// RTM_NEWROUTE / RTM_DELROUTE for a static or virtual route, as keepalived 2.2.7's
/// netlink_route builds them (vrrp_iproute.c). Not sent: encap (the model keeps only its
/// text) and vrf (the parser refuses it).
/// </summary>
public static class RouteMessage
{
    private const int RtNextHopSize = 8;

    /// <param name="interfaceIndex">Resolves dev names (route and nexthops); 0 = no such interface.</param>
    public static void Write(ref NetlinkWriter writer, IpRoute route, bool add, uint sequence, Func<string, int> interfaceIndex)
    {
        var flags = (ushort)(NetlinkFlags.Request | NetlinkFlags.Ack);
        if (add)
        {
            // keepalived's default is "ip route prepend": create, no EXCL
            flags |= NetlinkFlags.Create;
            if (route.Mode == "add") flags |= NetlinkFlags.Excl;
            else if (route.Mode == "append") flags |= NetlinkFlags.Append;
        }
        writer.BeginMessage(add ? NetlinkMessageType.NewRoute : NetlinkMessageType.DelRoute, flags, sequence);

        var family = Family(route);
        // a delete with scope nowhere and no type matches whatever scope/type the route has
        var scope = route.Scope ?? (add ? RtMsg.ScopeUniverse : RtMsg.ScopeNowhere);
        var type = add ? route.Type ?? RtMsg.TypeUnicast : route.Type ?? 0;
        var table = route.Table < 256 ? (byte)route.Table : RtMsg.TableUnspec;
        writer.Write(new RtMsg(family, (byte)(route.Destination?.PrefixLength ?? 0), (byte)(route.From?.PrefixLength ?? 0),
            route.Tos ?? 0, table, route.Protocol ?? IpRoute.RouteProtocolKeepalived, scope, type,
            route.OnLink ? RtMsg.NextHopOnLink : 0u));

        if (route.Table >= 256)
            writer.AttributeU32((ushort)RouteAttribute.Table, route.Table);
        if (route.Destination?.Address is { } destination)
            writer.AttributeAddress((ushort)RouteAttribute.Destination, destination);
        if (route.From?.Address is { } from)
            writer.AttributeAddress((ushort)RouteAttribute.Source, from);
        if (route.PreferredSource is { } source)
            writer.AttributeAddress((ushort)RouteAttribute.PreferredSource, source);
        if (route.Via is { } via)
            WriteGateway(ref writer, via, family);
        if (route.Device is { } device)
            writer.AttributeU32((ushort)RouteAttribute.OutputInterface, (uint)Resolve(device, interfaceIndex));
        if (route.Metric is { } metric)
            writer.AttributeU32((ushort)RouteAttribute.Priority, metric);
        if (route.Realms is { } realms && realms != 0)
            writer.AttributeU32((ushort)RouteAttribute.Flow, realms);
        RouteMetrics.WriteRouteAttributes(ref writer, route.Metrics);
        RouteMetrics.WriteNested(ref writer, route.Metrics);
        if (route.NextHops.Count > 0)
            WriteNextHops(ref writer, route, family, interfaceIndex);
        writer.EndMessage();
    }

    /// <summary>The route's family as keepalived settles it: given, else from its addresses, else IPv4.</summary>
    public static byte Family(IpRoute route)
    {
        var family = route.Family ?? route.Destination?.Family ?? route.Destination?.Address?.AddressFamily
            ?? route.Via?.AddressFamily ?? route.PreferredSource?.AddressFamily ?? AddressFamily.InterNetwork;
        return AddressMessage.Family(family);
    }

    /// <summary>RTA_GATEWAY in the route's family, RTA_VIA (family + address) across families.</summary>
    private static void WriteGateway(ref NetlinkWriter writer, IPAddress via, byte routeFamily)
    {
        var viaFamily = AddressMessage.Family(via);
        if (viaFamily == routeFamily)
        {
            writer.AttributeAddress((ushort)RouteAttribute.Gateway, via);
            return;
        }
        var value = writer.Attribute((ushort)RouteAttribute.Via, 2 + NetlinkWriter.AddressSize(via));
        HostOrder.WriteU16(value, viaFamily);
        via.TryWriteBytes(value[2..], out _);
    }

    /// <summary>RTA_MULTIPATH: an rtnexthop per nexthop, each followed by its own attributes.</summary>
    private static void WriteNextHops(ref NetlinkWriter writer, IpRoute route, byte family, Func<string, int> interfaceIndex)
    {
        var multipath = writer.BeginNested((ushort)RouteAttribute.Multipath);
        foreach (var hop in route.NextHops)
        {
            var start = writer.Length;
            var rtnh = writer.Reserve(RtNextHopSize);
            rtnh[2] = hop.OnLink ? RtMsg.NextHopOnLink : (byte)0;
            // rtnh_hops is the weight less one (weight 1..256 fits a byte)
            rtnh[3] = hop.Weight is { } weight ? (byte)(weight - 1) : (byte)0;
            if (hop.Device is { } device)
                HostOrder.WriteU32(rtnh[4..], (uint)Resolve(device, interfaceIndex));
            if (hop.Via is { } via)
                WriteGateway(ref writer, via, family);
            if (hop.Realms is { } realms && realms != 0)
                writer.AttributeU32((ushort)RouteAttribute.Flow, realms);
            writer.EndNested(start);
        }
        writer.EndNested(multipath);
    }

    private static int Resolve(string device, Func<string, int> interfaceIndex)
    {
        var index = interfaceIndex(device);
        return index > 0 ? index : throw new ErrnoException($"route dev {device}", Errno.ENODEV);
    }
}
