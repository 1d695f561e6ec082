using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Kernel.Ipvs;

namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// How a virtual and a real server become IPVS entries (ipvswrapper.c: ipvs_set_srule,
/// ipvs_set_drule, ipvs_cmd, ipvs_group_range_cmd): the service's scheduler, flags and
/// persistence; one service per address of a group range and per group fwmark; a non-NAT
/// destination takes the service's port (0 on a fwmark service).
/// </summary>
public static class IpvsMapping
{
    public const string DefaultScheduler = "wlc";

    /// <summary>The kernel services <paramref name="vs"/> stands for, in keepalived's order.</summary>
    public static IReadOnlyList<IpvsService> Services(VirtualServer vs)
    {
        var template = Template(vs);
        if (vs.Group is not { } group)
        {
            if (vs.Fwmark != 0) return [template with { Protocol = IpvsProtocol.None, FwMark = vs.Fwmark }];
            return [template with { Address = vs.Address.Address, Port = vs.Address.Port }];
        }
        var services = new List<IpvsService>();
        // a group entry's service has the whole-address granularity (ipvs_group_range_cmd resets it)
        foreach (var range in group.AddressRanges)
        {
            var family = range.Start.Family;
            var entry = template with { Family = family, Netmask = IpvsService.DefaultNetmask(family), Port = range.Port };
            foreach (var address in Range(range.Start.Address!, range.End.Address ?? range.Start.Address!))
                services.Add(entry with { Address = address });
        }
        foreach (var mark in group.Fwmarks)
        {
            var family = mark.Family != AddressFamily.Unspecified ? mark.Family
                : vs.Family != AddressFamily.Unspecified ? vs.Family : AddressFamily.InterNetwork;
            services.Add(template with { Family = family, Protocol = IpvsProtocol.None, FwMark = mark.Mark, Netmask = IpvsService.DefaultNetmask(family) });
        }
        return services;
    }

    /// <summary>The destination of <paramref name="rs"/> in <paramref name="service"/> with <paramref name="weight"/>.</summary>
    public static IpvsDestination Destination(RealServer rs, in IpvsService service, int weight)
    {
        var forwarding = rs.Forwarding;
        var method = forwarding.Method switch
        {
            ForwardingMethod.DirectRoute => IpvsForwardingMethod.Route,
            ForwardingMethod.Tunnel => IpvsForwardingMethod.Tunnel,
            _ => IpvsForwardingMethod.Masq,
        };
        var port = method == IpvsForwardingMethod.Masq ? rs.Address.Port : service.IsFwMark ? (ushort)0 : service.Port;
        return new IpvsDestination(rs.Address.Address!, port, method, weight, rs.UpperThreshold, rs.LowerThreshold,
            (IpvsTunnelType)forwarding.TunnelType, forwarding.TunnelPort, (IpvsTunnelFlags)forwarding.TunnelChecksum);
    }

    /// <summary>real_weight: the effective weight as the kernel can take it, 0 to INT32_MAX.</summary>
    public static int RealWeight(long effectiveWeight) => (int)Math.Clamp(effectiveWeight, 0, int.MaxValue);

    private static IpvsService Template(VirtualServer vs)
    {
        var family = vs.Family != AddressFamily.Unspecified ? vs.Family
            : vs.Group is { HaveIpv4: false, HaveIpv6: true } ? AddressFamily.InterNetworkV6
            : vs.Address.Address?.AddressFamily ?? AddressFamily.InterNetwork;
        var flags = vs.Flags;
        var timeout = 0u;
        var netmask = IpvsService.DefaultNetmask(family);
        string? engine = null;
        if (vs.PersistenceTimeout != 0)
        {
            flags |= ServiceFlags.Persistent;
            timeout = vs.PersistenceTimeout;
            netmask = Granularity(vs.PersistenceGranularity, family) ?? netmask;
            engine = vs.PersistenceEngine;
        }
        return new IpvsService(family, (IpvsProtocol)vs.Protocol, null, 0, 0, vs.Scheduler ?? DefaultScheduler, flags, timeout, netmask, engine);
    }

    /// <summary>persistence_granularity: an IPv4 mask as the kernel's number, an IPv6 prefix length.</summary>
    private static uint? Granularity(string? text, AddressFamily family)
    {
        if (text is null) return null;
        if (family == AddressFamily.InterNetworkV6)
            return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) ? prefix : null;
        return IPAddress.TryParse(text, out var mask) && mask.AddressFamily == AddressFamily.InterNetwork
            ? BinaryPrimitives.ReadUInt32BigEndian(mask.GetAddressBytes())
            : null;
    }

    /// <summary>start..end in the last octet (IPv4) or the last 16 bits (IPv6), as keepalived walks a range.</summary>
    private static IEnumerable<IPAddress> Range(IPAddress start, IPAddress end)
    {
        var bytes = start.GetAddressBytes();
        var last = end.GetAddressBytes();
        if (start.AddressFamily == AddressFamily.InterNetwork)
        {
            for (int b = bytes[3]; b <= last[3]; b++)
            {
                bytes[3] = (byte)b;
                yield return new IPAddress(bytes);
            }
            yield break;
        }
        int from = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(14)), to = BinaryPrimitives.ReadUInt16BigEndian(last.AsSpan(14));
        for (var v = from; v <= to; v++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(14), (ushort)v);
            yield return new IPAddress(bytes);
        }
    }
}
