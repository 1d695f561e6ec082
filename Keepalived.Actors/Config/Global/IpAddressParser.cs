using System.Net;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Global;

/// <summary>
/// One line of static_ipaddress / virtual_ipaddress / virtual_ipaddress_excluded (keepalived's
/// alloc_ipaddress): <c>ADDRESS[/LEN] [dev IF] [scope S] [brd B|+|-] [label L] [peer P] [home]
/// [-nodad] [mngtmpaddr] [noprefixroute] [autojoin] [no_track] [preferred_lft N|forever]
/// [track_group G (static)] [use_vmac (virtual)]</c>.
/// </summary>
public static class IpAddressParser
{
    private const int IfNameSize = 16;

    /// <summary>
    /// Parses <paramref name="t"/> (the words of one line, address first). Reports problems as
    /// keepalived does and returns null when keepalived drops the address.
    /// </summary>
    /// <param name="isStatic">static_ipaddress (track_group allowed, needs an interface) rather than a virtual address.</param>
    public static VirtualIpAddress? Parse(SectionContext context, Tokens t, bool isStatic)
    {
        var position = context.Here();
        if (!IpText.ParseAddress(context, t[0], true, out var address, out var prefix)) return null;
        var ip = new VirtualIpAddress { Address = address, PrefixLength = prefix, Position = position };
        var addressText = t[0];
        int? brdLen = null;
        var haveBroadcast = false;
        for (var i = 1; i < t.Count; i++)
        {
            var word = t[i];
            if (word is "dev" or "scope" or "broadcast" or "brd" or "label" or "peer" or "preferred_lft" ||
                (isStatic && word == "track_group"))
            {
                if (i + 1 >= t.Count)
                {
                    context.Report(ConfigErrorKind.GeneralError, $"No {word} parameter specified for {addressText}");
                    return null;
                }
                var value = t[++i];
                switch (word)
                {
                    case "dev":
                        if (ip.Device is not null)
                        {
                            context.Report(ConfigErrorKind.GeneralError, $"Cannot specify ipaddress device more than once for {addressText}");
                            return null;
                        }
                        if (!InterfaceLookup.GetDynamic(context, value))
                        {
                            context.Report(ConfigErrorKind.GeneralError, $"WARNING - interface {value} for ip address {addressText} doesn't exist");
                            return null;
                        }
                        ip.Device = value;
                        break;
                    case "scope":
                        if (RtTables.Scope(value, out var scope)) ip.Scope = scope;
                        else context.Report(ConfigErrorKind.GeneralError, $"Invalid scope '{value}' specified for {addressText} - ignoring");
                        break;
                    case "broadcast" or "brd":
                        if (ip.IsIPv6)
                        {
                            context.Report(ConfigErrorKind.GeneralError,
                                $"VRRP is trying to assign a broadcast {word} to the IPv6 address {addressText} !!?? WTF... skipping VIP...");
                            return null;
                        }
                        haveBroadcast = true;
                        if (value == "-") brdLen = -2;
                        else if (value == "+") brdLen = -1;
                        else if (IpText.TryParse(value, out var brd) && !value.Contains(':')) ip.Broadcast = brd;
                        else
                        {
                            context.Report(ConfigErrorKind.GeneralError, $"VRRP is trying to assign invalid broadcast {value}. skipping VIP...");
                            return null;
                        }
                        break;
                    case "label":
                        if (value.Length >= IfNameSize)
                        {
                            context.Report(ConfigErrorKind.GeneralError,
                                $"Address label {value} is longer than maximum length {IfNameSize - 1} - removing address");
                            return null;
                        }
                        ip.Label = value;
                        break;
                    case "peer":
                        ParsePeer(context, ip, value);
                        break;
                    case "preferred_lft":
                        if (value == "forever") ip.PreferredLifetime = uint.MaxValue;
                        else if (context.Values.ReadUnsigned(value, out var lft, 0, uint.MaxValue, ignoreError: true)) ip.PreferredLifetime = lft;
                        else context.Report(ConfigErrorKind.GeneralError, $"preferred_lft {value} is invalid");
                        break;
                    default: // track_group
                        if (ip.TrackGroup is not null)
                        {
                            context.Report(ConfigErrorKind.GeneralError, $"track_group {value} is a duplicate");
                            i = t.Count; // keepalived stops reading the line here
                            break;
                        }
                        if (context.Config.Global.TrackGroups.Any(g => g.Name == value)) ip.TrackGroup = value;
                        else context.Report(ConfigErrorKind.GeneralError, $"track_group {value} not found");
                        break;
                }
                continue;
            }
            switch (word)
            {
                case "home": ip.Home = true; break;
                case "-nodad": ip.NoDad = true; break;
                case "mngtmpaddr": ip.ManageTempAddr = true; break;
                case "noprefixroute": ip.NoPrefixRoute = true; break;
                case "autojoin": ip.AutoJoin = true; break;
                case "no_track": ip.NoTrack = true; break;
                case "use_vmac" when !isStatic: ip.UseVmac = true; break;
                default:
                    context.Report(ConfigErrorKind.GeneralError, $"Unknown configuration entry '{word}' for ip address - ignoring");
                    break;
            }
        }

        if (haveBroadcast && ip.Peer is not null)
        {
            context.Report(ConfigErrorKind.GeneralError, "Cannot specify broadcast and peer addresses - ignoring broadcast address");
            ip.Broadcast = null;
        }
        else if (brdLen is { } len && ip.PrefixLength <= 30)
            ip.Broadcast = ComputeBroadcast(ip.Peer ?? ip.Address, ip.PrefixLength, len == -1);
        else if (brdLen is not null)
            context.Report(ConfigErrorKind.GeneralError, $"Address prefix length {ip.PrefixLength} too long for broadcast");

        if (isStatic && ip.Device is null)
        {
            var def = context.Config.Global.DefaultInterface;
            if (def is null || !context.Host.InterfaceExists(def))
            {
                context.Report(ConfigErrorKind.Fatal, $"Static address {addressText} requires either an interface or default interface must exist");
                return null;
            }
            ip.Device = def;
            ip.DeviceIsDefault = true;
        }
        if (ip.IsIPv6)
        {
            if (ip.Scope != 0)
            {
                context.Report(ConfigErrorKind.GeneralError, $"Cannot specify scope for IPv6 addresses ({addressText}) - ignoring scope");
                ip.Scope = 0;
            }
            if (ip.Label is not null)
            {
                context.Report(ConfigErrorKind.GeneralError, $"Cannot specify label for IPv6 addresses ({addressText}) - ignoring label");
                ip.Label = null;
            }
            ip.PreferredLifetime ??= ip.PrefixLength == 128 ? 0 : uint.MaxValue;
        }
        if (ip.TrackGroup is not null && ip.Device is null)
        {
            context.Report(ConfigErrorKind.GeneralError, "Static route cannot have track_group if interface not specified");
            ip.TrackGroup = null;
        }
        return ip;
    }

    private static void ParsePeer(SectionContext context, VirtualIpAddress ip, string value)
    {
        if (ip.Peer is not null)
        {
            context.Report(ConfigErrorKind.GeneralError, $"Peer {value} - another peer has already been specified");
            return;
        }
        if (!IpText.ParseAddress(context, value, false, out var peer, out var peerPrefix))
            context.Report(ConfigErrorKind.GeneralError, $"Invalid peer address {value}");
        else if (peer.AddressFamily != ip.Address.AddressFamily)
            context.Report(ConfigErrorKind.GeneralError, $"Peer address {value} does not match address family");
        else
        {
            if (ip.PrefixLength != (ip.IsIPv6 ? 128 : 32))
                context.Report(ConfigErrorKind.GeneralError, "Cannot specify address prefix when specifying peer address - ignoring");
            ip.Peer = peer;
            ip.PrefixLength = peerPrefix;
        }
    }

    private static IPAddress ComputeBroadcast(IPAddress basis, int prefix, bool plus)
    {
        var b = basis.GetAddressBytes();
        var value = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        var mask = prefix == 0 ? uint.MaxValue : uint.MaxValue >> prefix;
        value = plus ? value | mask : value & ~mask;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }
}
