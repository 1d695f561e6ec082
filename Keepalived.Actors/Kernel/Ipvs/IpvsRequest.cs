using System.Buffers.Binary;
using System.Net.Sockets;
using Keepalived.Actors.Kernel.Netlink;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// Writes IPVS requests as keepalived's libipvs does (ipvs_nl_fill_service_attr /
/// ipvs_nl_fill_dest_attr): the full SERVICE nest for every service and destination command,
/// DEL included, in the same attribute order, so a capture compares byte for byte. Nests carry
/// no NLA_F_NESTED: libnl does not set it and the kernel's deprecated parser does not want it.
/// Each method writes one message and returns its length; <paramref name="family"/> is the id
/// nlctrl gave for "IPVS".
/// </summary>
public static class IpvsRequest
{
    private const ushort Change = NetlinkFlags.Request | NetlinkFlags.Ack;
    private const ushort Dump = NetlinkFlags.Request | NetlinkFlags.Dump;

    /// <summary>NEW_SERVICE, SET_SERVICE or DEL_SERVICE.</summary>
    public static int Service(ref NetlinkWriter writer, ushort family, IpvsCommand command, in IpvsService service, uint sequence)
    {
        if (command is not (IpvsCommand.NewService or IpvsCommand.SetService or IpvsCommand.DelService))
            throw new ArgumentOutOfRangeException(nameof(command), command, "not a service command");
        GenericNetlink.BeginMessage(ref writer, family, (byte)command, IpvsAttribute.GenlVersion, Change, sequence);
        WriteServiceNest(ref writer, service, full: true);
        return writer.EndMessage();
    }

    /// <summary>NEW_DEST, SET_DEST or DEL_DEST: the service's nest, then the destination's.</summary>
    public static int Destination(ref NetlinkWriter writer, ushort family, IpvsCommand command, in IpvsService service, in IpvsDestination destination, uint sequence)
    {
        if (command is not (IpvsCommand.NewDest or IpvsCommand.SetDest or IpvsCommand.DelDest))
            throw new ArgumentOutOfRangeException(nameof(command), command, "not a destination command");
        GenericNetlink.BeginMessage(ref writer, family, (byte)command, IpvsAttribute.GenlVersion, Change, sequence);
        WriteServiceNest(ref writer, service, full: true);
        WriteDestinationNest(ref writer, destination);
        return writer.EndMessage();
    }

    /// <summary>GET_SERVICE dump: every service, each as a NEW_SERVICE message.</summary>
    public static int DumpServices(ref NetlinkWriter writer, ushort family, uint sequence)
    {
        GenericNetlink.BeginMessage(ref writer, family, (byte)IpvsCommand.GetService, IpvsAttribute.GenlVersion, Dump, sequence);
        return writer.EndMessage();
    }

    /// <summary>GET_SERVICE of one service (named by its identity): answered by its NEW_SERVICE message, or ESRCH.</summary>
    public static int GetService(ref NetlinkWriter writer, ushort family, in IpvsService service, uint sequence)
    {
        GenericNetlink.BeginMessage(ref writer, family, (byte)IpvsCommand.GetService, IpvsAttribute.GenlVersion, NetlinkFlags.Request, sequence);
        WriteServiceNest(ref writer, service, full: false);
        return writer.EndMessage();
    }

    /// <summary>GET_DEST dump of one service (named by its identity, as ipvs_get_dests does).</summary>
    public static int DumpDestinations(ref NetlinkWriter writer, ushort family, in IpvsService service, uint sequence)
    {
        GenericNetlink.BeginMessage(ref writer, family, (byte)IpvsCommand.GetDest, IpvsAttribute.GenlVersion, Dump, sequence);
        WriteServiceNest(ref writer, service, full: false);
        return writer.EndMessage();
    }

    /// <summary>FLUSH: removes every service (lvs_flush); it has no attributes.</summary>
    public static int Flush(ref NetlinkWriter writer, ushort family, uint sequence)
    {
        GenericNetlink.BeginMessage(ref writer, family, (byte)IpvsCommand.Flush, IpvsAttribute.GenlVersion, Change, sequence);
        return writer.EndMessage();
    }

    /// <summary>GET_INFO: answered by one SET_INFO message (version, table size), no ACK asked.</summary>
    public static int GetInfo(ref NetlinkWriter writer, ushort family, uint sequence)
    {
        GenericNetlink.BeginMessage(ref writer, family, (byte)IpvsCommand.GetInfo, IpvsAttribute.GenlVersion, NetlinkFlags.Request, sequence);
        return writer.EndMessage();
    }

    /// <summary>SET_CONFIG: the non-zero timeouts (lvs_timeouts, and their restore at stop).</summary>
    public static int SetTimeouts(ref NetlinkWriter writer, ushort family, in IpvsTimeouts timeouts, uint sequence)
    {
        GenericNetlink.BeginMessage(ref writer, family, (byte)IpvsCommand.SetConfig, IpvsAttribute.GenlVersion, Change, sequence);
        if (timeouts.Tcp != 0) writer.AttributeU32(IpvsAttribute.TimeoutTcp, timeouts.Tcp);
        if (timeouts.TcpFin != 0) writer.AttributeU32(IpvsAttribute.TimeoutTcpFin, timeouts.TcpFin);
        if (timeouts.Udp != 0) writer.AttributeU32(IpvsAttribute.TimeoutUdp, timeouts.Udp);
        return writer.EndMessage();
    }

    /// <summary>GET_CONFIG: answered by one SET_CONFIG message with the three timeouts.</summary>
    public static int GetTimeouts(ref NetlinkWriter writer, ushort family, uint sequence)
    {
        GenericNetlink.BeginMessage(ref writer, family, (byte)IpvsCommand.GetConfig, IpvsAttribute.GenlVersion, NetlinkFlags.Request, sequence);
        return writer.EndMessage();
    }

    /// <summary>
    /// NEW_DAEMON (state, interface, sync id, then the optional four when set) or DEL_DAEMON
    /// (state, interface, sync id only), in libipvs's order.
    /// </summary>
    public static int SyncDaemon(ref NetlinkWriter writer, ushort family, bool start, in IpvsSyncDaemon daemon, uint sequence)
    {
        var command = start ? IpvsCommand.NewDaemon : IpvsCommand.DelDaemon;
        GenericNetlink.BeginMessage(ref writer, family, (byte)command, IpvsAttribute.GenlVersion, Change, sequence);
        var nest = writer.BeginNested(IpvsAttribute.Daemon);
        writer.AttributeU32(IpvsDaemonAttribute.State, (uint)daemon.State);
        writer.AttributeString(IpvsDaemonAttribute.McastIfn, daemon.Interface);
        writer.AttributeU32(IpvsDaemonAttribute.SyncId, daemon.SyncId);
        if (start)
        {
            if (daemon.MaxLength != 0) writer.AttributeU16(IpvsDaemonAttribute.SyncMaxLen, daemon.MaxLength);
            if (daemon.Port != 0) writer.AttributeU16(IpvsDaemonAttribute.McastPort, daemon.Port);
            if (daemon.Ttl != 0) writer.AttributeU8(IpvsDaemonAttribute.McastTtl, daemon.Ttl);
            if (daemon.Group is { } group)
                writer.AttributeAddress(group.AddressFamily == AddressFamily.InterNetworkV6
                    ? IpvsDaemonAttribute.McastGroup6 : IpvsDaemonAttribute.McastGroup, group);
        }
        writer.EndNested(nest);
        return writer.EndMessage();
    }

    private static void WriteServiceNest(ref NetlinkWriter writer, in IpvsService service, bool full)
    {
        var nest = writer.BeginNested(IpvsAttribute.Service);
        writer.AttributeU16(IpvsServiceAttribute.Af, IpvsWire.ToLinux(service.Family));
        if (service.IsFwMark)
            writer.AttributeU32(IpvsServiceAttribute.FwMark, service.FwMark);
        else
        {
            if (service.Address is null)
                throw new ArgumentException("a service without fwmark needs an address", nameof(service));
            writer.AttributeU16(IpvsServiceAttribute.Protocol, (ushort)service.Protocol);
            IpvsWire.WriteAddress(writer.Attribute(IpvsServiceAttribute.Addr, IpvsWire.AddressSize), service.Address);
            BinaryPrimitives.WriteUInt16BigEndian(writer.Attribute(IpvsServiceAttribute.Port, 2), service.Port);
        }
        if (full)
        {
            CheckName(service.Scheduler, "scheduler");
            writer.AttributeString(IpvsServiceAttribute.SchedName, service.Scheduler);
            if (!string.IsNullOrEmpty(service.PersistenceEngine))
            {
                CheckName(service.PersistenceEngine, "persistence engine");
                writer.AttributeString(IpvsServiceAttribute.PeName, service.PersistenceEngine);
            }
            // struct ip_vs_flags {flags, mask}: the mask says which bits to take, keepalived sets all
            var flags = writer.Attribute(IpvsServiceAttribute.Flags, 8);
            HostOrder.WriteU32(flags, (uint)service.Flags);
            HostOrder.WriteU32(flags[4..], 0xFFFFFFFF);
            writer.AttributeU32(IpvsServiceAttribute.Timeout, service.Timeout);
            // the kernel reads NETMASK as be32 for IPv4 but as a plain prefix length for IPv6
            var netmask = writer.Attribute(IpvsServiceAttribute.Netmask, 4);
            if (service.Family == AddressFamily.InterNetworkV6)
                HostOrder.WriteU32(netmask, service.Netmask);
            else
                BinaryPrimitives.WriteUInt32BigEndian(netmask, service.Netmask);
        }
        writer.EndNested(nest);
    }

    private static void WriteDestinationNest(ref NetlinkWriter writer, in IpvsDestination destination)
    {
        var nest = writer.BeginNested(IpvsAttribute.Dest);
        writer.AttributeU16(IpvsDestinationAttribute.AddrFamily, IpvsWire.ToLinux(destination.Family));
        IpvsWire.WriteAddress(writer.Attribute(IpvsDestinationAttribute.Addr, IpvsWire.AddressSize), destination.Address);
        BinaryPrimitives.WriteUInt16BigEndian(writer.Attribute(IpvsDestinationAttribute.Port, 2), destination.Port);
        writer.AttributeU32(IpvsDestinationAttribute.FwdMethod, (uint)destination.ForwardingMethod);
        writer.AttributeU32(IpvsDestinationAttribute.Weight, (uint)destination.Weight);
        if (destination.ForwardingMethod == IpvsForwardingMethod.Tunnel)
        {
            writer.AttributeU8(IpvsDestinationAttribute.TunType, (byte)destination.TunnelType);
            if (destination.TunnelType == IpvsTunnelType.Gue)
                BinaryPrimitives.WriteUInt16BigEndian(writer.Attribute(IpvsDestinationAttribute.TunPort, 2), destination.TunnelPort);
            if (destination.TunnelType != IpvsTunnelType.Ipip)
                writer.AttributeU16(IpvsDestinationAttribute.TunFlags, (ushort)destination.TunnelFlags);
        }
        writer.AttributeU32(IpvsDestinationAttribute.UThresh, destination.UpperThreshold);
        writer.AttributeU32(IpvsDestinationAttribute.LThresh, destination.LowerThreshold);
        writer.EndNested(nest);
    }

    // IP_VS_SCHEDNAME_MAXLEN: the kernel rejects a longer name with EINVAL; say so before sending
    private static void CheckName(string name, string what)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(name) >= IpvsServiceAttribute.NameMaxLength)
            throw new ArgumentException($"IPVS {what} name '{name}' is longer than {IpvsServiceAttribute.NameMaxLength - 1} bytes");
    }
}
