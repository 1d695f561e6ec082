using Keepalived.Actors.Config.Check;
using System.Net.Sockets;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// One change to the kernel's table: a service command (NEW/SET/DEL_SERVICE, no
/// <see cref="Destination"/>) or a destination command (NEW/SET/DEL_DEST) inside
/// <see cref="Service"/>. Printed as the operation log shows it:
/// "NEW_SERVICE TCP 10.0.0.1:80 wrr", "SET_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80 masq weight 0".
/// </summary>
public sealed record IpvsOperation(IpvsCommand Command, IpvsService Service, IpvsDestination? Destination = null)
{
    public IpvsServiceKey ServiceKey => IpvsServiceKey.Of(Service);

    public bool IsDestination => Destination is not null;

    public static IpvsOperation ForService(IpvsCommand command, in IpvsService service) => new(command, service);

    public static IpvsOperation ForDestination(IpvsCommand command, in IpvsService service, in IpvsDestination destination) =>
        new(command, service, destination);

    public override string ToString()
    {
        var head = $"{Name(Command)} {ServiceKey}";
        if (Destination is { } d)
            return Command == IpvsCommand.DelDest ? $"{head} -> {IpvsDestinationKey.Of(d)}" : $"{head} -> {Describe(d)}";
        return Command == IpvsCommand.DelService ? head : $"{head} {Describe(Service)}";
    }

    /// <summary>IPVS_CMD_* without the prefix, as ip_vs.h spells it.</summary>
    public static string Name(IpvsCommand command) => command switch
    {
        IpvsCommand.NewService => "NEW_SERVICE",
        IpvsCommand.SetService => "SET_SERVICE",
        IpvsCommand.DelService => "DEL_SERVICE",
        IpvsCommand.NewDest => "NEW_DEST",
        IpvsCommand.SetDest => "SET_DEST",
        IpvsCommand.DelDest => "DEL_DEST",
        IpvsCommand.NewDaemon => "NEW_DAEMON",
        IpvsCommand.DelDaemon => "DEL_DAEMON",
        IpvsCommand.SetConfig => "SET_CONFIG",
        IpvsCommand.Flush => "FLUSH",
        _ => command.ToString().ToUpperInvariant(),
    };

    /// <summary>The settings of a service as ipvsadm -Ln shows them: scheduler, flags, persistence.</summary>
    public static string Describe(in IpvsService s)
    {
        var text = s.Scheduler;
        if ((s.Flags & ~ServiceFlags.Persistent) != ServiceFlags.None) text += $" flags {(uint)s.Flags:x}";
        if ((s.Flags & ServiceFlags.Persistent) != 0) text += $" persistent {s.Timeout}";
        if (s.Netmask != IpvsService.DefaultNetmask(s.Family))
            text += s.Family == AddressFamily.InterNetworkV6 ? $" mask /{s.Netmask}" : $" mask {Mask(s.Netmask)}";
        if (!string.IsNullOrEmpty(s.PersistenceEngine)) text += $" pe {s.PersistenceEngine}";
        return text;
    }

    /// <summary>The settings of a destination: forwarding, weight, thresholds, tunnel.</summary>
    public static string Describe(in IpvsDestination d)
    {
        var text = $"{IpvsDestinationKey.Of(d)} {Method(d.ForwardingMethod)} weight {d.Weight}";
        if (d.UpperThreshold != 0 || d.LowerThreshold != 0) text += $" thresholds {d.LowerThreshold}-{d.UpperThreshold}";
        if (d.ForwardingMethod == IpvsForwardingMethod.Tunnel)
        {
            text += $" tun {d.TunnelType.ToString().ToLowerInvariant()}";
            if (d.TunnelType == IpvsTunnelType.Gue) text += $" port {d.TunnelPort}";
            if (d.TunnelType != IpvsTunnelType.Ipip) text += $" flags {d.TunnelFlags.ToString().ToLowerInvariant()}";
        }
        return text;
    }

    private static string Method(IpvsForwardingMethod method) => method switch
    {
        IpvsForwardingMethod.Masq => "masq",
        IpvsForwardingMethod.Local => "local",
        IpvsForwardingMethod.Tunnel => "tunnel",
        _ => "route",
    };

    private static string Mask(uint mask) => $"{mask >> 24}.{(mask >> 16) & 0xFF}.{(mask >> 8) & 0xFF}.{mask & 0xFF}";
}
