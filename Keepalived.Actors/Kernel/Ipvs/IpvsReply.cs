using Keepalived.Actors.Config.Check;
using System.Buffers.Binary;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Libc;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// Reads the kernel's IPVS replies: dump messages (NEW_SERVICE with a SERVICE nest, NEW_DEST with
/// a DEST nest), the GET_INFO reply and NLMSG_ERROR acks. Every method returns false on a message
/// of another kind, a truncated or malformed attribute, or a missing required field: a bad
/// datagram is dropped by the caller, it never throws. Of a destination's counters only the active
/// connections are read (draining waits for them); stats nests and the other counters are skipped;
/// NLA_F_NESTED is masked off by <see cref="AttributeReader"/>.
/// </summary>
public static class IpvsReply
{
    /// <summary>A NEW_SERVICE message of a service dump (or of a GET_SERVICE doit reply).</summary>
    public static bool TryReadService(in NetlinkMessage message, out IpvsService service)
    {
        service = default;
        return TryFindNest(message, IpvsCommand.NewService, IpvsAttribute.Service, out var nest)
            && TryReadServiceNest(nest, out service);
    }

    /// <summary>
    /// A NEW_DEST message of a destination dump. <paramref name="serviceFamily"/> stands in for
    /// IPVS_DEST_ATTR_ADDR_FAMILY, which kernels before 5.3 do not send.
    /// </summary>
    public static bool TryReadDestination(in NetlinkMessage message, out IpvsDestination destination,
        AddressFamily serviceFamily = AddressFamily.InterNetwork) =>
        TryReadDestination(message, out destination, out _, serviceFamily);

    /// <summary>As above, with IPVS_DEST_ATTR_ACTIVE_CONNS (0 when absent).</summary>
    public static bool TryReadDestination(in NetlinkMessage message, out IpvsDestination destination, out uint activeConnections,
        AddressFamily serviceFamily = AddressFamily.InterNetwork)
    {
        destination = default;
        activeConnections = 0;
        return TryFindNest(message, IpvsCommand.NewDest, IpvsAttribute.Dest, out var nest)
            && TryReadDestinationNest(nest, serviceFamily, out destination, out activeConnections);
    }

    /// <summary>The SET_INFO reply to GET_INFO.</summary>
    public static bool TryReadInfo(in NetlinkMessage message, out IpvsInfo info)
    {
        info = default;
        if (!GenericNetlink.TryReadHeader(message, out var command, out _) || command != (byte)IpvsCommand.SetInfo)
            return false;
        uint? version = null, size = null;
        var attributes = GenericNetlink.Attributes(message);
        while (attributes.TryRead(out var a))
            switch (a.Type)
            {
                case IpvsAttribute.InfoVersion: version = a.U32; break;
                case IpvsAttribute.InfoConnTabSize: size = a.U32; break;
            }
        if (attributes.Malformed || version is null || size is null)
            return false;
        info = new IpvsInfo(version.Value, size.Value);
        return true;
    }

    /// <summary>The SET_CONFIG reply to GET_CONFIG.</summary>
    public static bool TryReadTimeouts(in NetlinkMessage message, out IpvsTimeouts timeouts)
    {
        timeouts = default;
        if (!GenericNetlink.TryReadHeader(message, out var command, out _) || command != (byte)IpvsCommand.SetConfig)
            return false;
        uint? tcp = null, fin = null, udp = null;
        var attributes = GenericNetlink.Attributes(message);
        while (attributes.TryRead(out var a))
            switch (a.Type)
            {
                case IpvsAttribute.TimeoutTcp: tcp = a.U32; break;
                case IpvsAttribute.TimeoutTcpFin: fin = a.U32; break;
                case IpvsAttribute.TimeoutUdp: udp = a.U32; break;
            }
        if (attributes.Malformed || tcp is null || fin is null || udp is null)
            return false;
        timeouts = new IpvsTimeouts(tcp.Value, fin.Value, udp.Value);
        return true;
    }

    /// <summary>An NLMSG_ERROR: <see cref="Errno.None"/> is the ACK of a change.</summary>
    public static bool TryReadError(in NetlinkMessage message, out Errno errno) => message.TryReadError(out errno, out _);

    /// <summary>The attributes of a SERVICE nest. The kernel's HASHED flag is masked off.</summary>
    public static bool TryReadServiceNest(ReadOnlySpan<byte> nest, out IpvsService service)
    {
        service = default;
        ushort? af = null, protocol = null, port = null;
        uint? fwMark = null, timeout = null;
        ReadOnlySpan<byte> address = default, flags = default, netmask = default;
        string? scheduler = null, engine = null;
        var attributes = new AttributeReader(nest);
        while (attributes.TryRead(out var a))
        {
            var v = a.Value;
            switch (a.Type)
            {
                case IpvsServiceAttribute.Af: if (!TryU16(v, out var f)) return false; af = f; break;
                case IpvsServiceAttribute.Protocol: if (!TryU16(v, out var p)) return false; protocol = p; break;
                case IpvsServiceAttribute.Addr: address = v; break;
                case IpvsServiceAttribute.Port: if (v.Length < 2) return false; port = BinaryPrimitives.ReadUInt16BigEndian(v); break;
                case IpvsServiceAttribute.FwMark: fwMark = a.U32; if (fwMark is null) return false; break;
                case IpvsServiceAttribute.SchedName: scheduler = a.String(); break;
                case IpvsServiceAttribute.PeName: engine = a.String(); break;
                case IpvsServiceAttribute.Flags: if (v.Length < 8) return false; flags = v; break;
                case IpvsServiceAttribute.Timeout: timeout = a.U32; if (timeout is null) return false; break;
                case IpvsServiceAttribute.Netmask: if (v.Length < 4) return false; netmask = v; break;
            }
        }
        if (attributes.Malformed || af is null || !IpvsWire.TryFromLinux(af.Value, out var family))
            return false;
        System.Net.IPAddress? ip = null;
        var isFwMark = fwMark is > 0;
        if (!isFwMark)
        {
            if (protocol is null || port is null || address.IsEmpty)
                return false;
            ip = IpvsWire.ReadAddress(address, family);
            if (ip is null)
                return false;
        }
        // an IPv4 mask comes as bytes in address order (be32), an IPv6 prefix length in host order
        var mask = netmask.IsEmpty ? IpvsService.DefaultNetmask(family)
            : family == AddressFamily.InterNetworkV6 ? HostOrder.ReadU32(netmask)
            : BinaryPrimitives.ReadUInt32BigEndian(netmask);
        // struct ip_vs_flags {flags, mask}: only the bits the mask names are meant
        var flagBits = flags.IsEmpty ? 0u : HostOrder.ReadU32(flags) & HostOrder.ReadU32(flags[4..]);
        service = new IpvsService(family, isFwMark ? IpvsProtocol.None : (IpvsProtocol)protocol!.Value, ip,
            isFwMark ? (ushort)0 : port!.Value, fwMark ?? 0, scheduler ?? "",
            (ServiceFlags)flagBits & ~ServiceFlags.Hashed, timeout ?? 0, mask,
            string.IsNullOrEmpty(engine) ? null : engine);
        return true;
    }

    /// <summary>The attributes of a DEST nest.</summary>
    public static bool TryReadDestinationNest(ReadOnlySpan<byte> nest, AddressFamily serviceFamily, out IpvsDestination destination) =>
        TryReadDestinationNest(nest, serviceFamily, out destination, out _);

    /// <summary>The attributes of a DEST nest, with the active connections (0 when absent).</summary>
    public static bool TryReadDestinationNest(ReadOnlySpan<byte> nest, AddressFamily serviceFamily, out IpvsDestination destination,
        out uint activeConnections)
    {
        destination = default;
        activeConnections = 0;
        ushort? af = null, port = null, tunPort = null, tunFlags = null;
        uint? method = null, weight = null, upper = null, lower = null, active = null;
        byte? tunType = null;
        ReadOnlySpan<byte> address = default;
        var attributes = new AttributeReader(nest);
        while (attributes.TryRead(out var a))
        {
            var v = a.Value;
            switch (a.Type)
            {
                case IpvsDestinationAttribute.AddrFamily: if (!TryU16(v, out var f)) return false; af = f; break;
                case IpvsDestinationAttribute.Addr: address = v; break;
                case IpvsDestinationAttribute.Port: if (v.Length < 2) return false; port = BinaryPrimitives.ReadUInt16BigEndian(v); break;
                case IpvsDestinationAttribute.FwdMethod: method = a.U32; if (method is null) return false; break;
                case IpvsDestinationAttribute.Weight: weight = a.U32; if (weight is null) return false; break;
                case IpvsDestinationAttribute.UThresh: upper = a.U32; if (upper is null) return false; break;
                case IpvsDestinationAttribute.LThresh: lower = a.U32; if (lower is null) return false; break;
                case IpvsDestinationAttribute.ActiveConns: active = a.U32; if (active is null) return false; break;
                case IpvsDestinationAttribute.TunType: tunType = a.U8; if (tunType is null) return false; break;
                case IpvsDestinationAttribute.TunPort: if (v.Length < 2) return false; tunPort = BinaryPrimitives.ReadUInt16BigEndian(v); break;
                case IpvsDestinationAttribute.TunFlags: if (!TryU16(v, out var tf)) return false; tunFlags = tf; break;
            }
        }
        if (attributes.Malformed || address.IsEmpty || port is null || method is null || weight is null)
            return false;
        var family = serviceFamily;
        if (af is not null && !IpvsWire.TryFromLinux(af.Value, out family))
            return false;
        var ip = IpvsWire.ReadAddress(address, family);
        if (ip is null)
            return false;
        // the kernel keeps only the FWD_MASK bits (7); 4 (bypass) is not a method a dest can have
        var forwarding = (IpvsForwardingMethod)(method.Value & 7);
        if (forwarding > IpvsForwardingMethod.Route)
            return false;
        destination = new IpvsDestination(ip, port.Value, forwarding, (int)Math.Min(weight.Value, int.MaxValue),
            upper ?? 0, lower ?? 0, (IpvsTunnelType)(tunType ?? 0), tunPort ?? 0, (IpvsTunnelFlags)(tunFlags ?? 0));
        activeConnections = active ?? 0;
        return true;
    }

    private static bool TryFindNest(in NetlinkMessage message, IpvsCommand command, ushort type, out ReadOnlySpan<byte> nest)
    {
        nest = default;
        if (!GenericNetlink.TryReadHeader(message, out var c, out _) || c != (byte)command)
            return false;
        var attributes = GenericNetlink.Attributes(message);
        while (attributes.TryRead(out var a))
            if (a.Type == type)
            {
                nest = a.Value;
                return true;
            }
        return false;
    }

    private static bool TryU16(ReadOnlySpan<byte> value, out ushort result)
    {
        result = value.Length >= 2 ? HostOrder.ReadU16(value) : (ushort)0;
        return value.Length >= 2;
    }
}
