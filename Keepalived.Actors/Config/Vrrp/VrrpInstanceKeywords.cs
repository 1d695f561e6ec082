using Keepalived.Actors.Config.Global;
using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// The vrrp_instance block (keepalived's vrrp_handler and the instance keywords of
/// init_vrrp_keywords), in the order keepalived installs them.
/// </summary>
internal sealed partial class VrrpInstanceKeywords(VrrpParseState state, TrackListReader tracks)
{
    private const int IfNameSize = 16;

    public KeywordTable Table { get; } = new();

    private VrrpInstance Vrrp => state.Instance ?? throw new NoCurrentBlockException("vrrp_instance");
    private string Name => Vrrp.Name;

    public void Install(KeywordTable root)
    {
        Table
            .Add("use_vmac", UseVmac)
            .Add("use_vmac_addr", _ => Vrrp.UseVmacAddr = true)
            .Add("vmac_xmit_base", _ => Vrrp.VmacXmitBase = true)
            .Add("use_ipvlan", UseIpvlan)
            .Add("unicast_peer", UnicastPeerBlock)
            .Add("unicast_fault_no_peer", _ => Vrrp.UnicastConfigured = Vrrp.UnicastFaultNoPeer = true)
            .Add("check_unicast_src", _ => Vrrp.UnicastConfigured = Vrrp.CheckUnicastSource = true)
            .Add("old_unicast_checksum", OldUnicastChecksum)
            .Add("native_ipv6", NativeIpv6)
            .Add("state", StateLine)
            .Add("interface", InterfaceLine)
            .Add("vrf", VrfLine)
            .Add("dont_track_primary", _ => Vrrp.DontTrackPrimary = true)
            .Add("track_interface", t => tracks.ReadBlock(TrackKind.Interface, Name, Vrrp.Tracks, t))
            .Add("track_script", t => tracks.ReadBlock(TrackKind.Script, Name, Vrrp.Tracks, t))
            .Add("track_file", t => tracks.ReadBlock(TrackKind.File, Name, Vrrp.Tracks, t))
            .Add("track_process", t => tracks.ReadBlock(TrackKind.Process, Name, Vrrp.Tracks, t))
            .Add("track_bfd", t => tracks.ReadBlock(TrackKind.Bfd, Name, Vrrp.Tracks, t))
            .Add("mcast_src_ip", SourceIp)
            .Add("unicast_src_ip", t =>
            {
                Vrrp.UnicastConfigured = true;
                SourceIp(t);
            })
            .Add("mcast_dst_ip", McastDestination)
            .Add("track_src_ip", _ => Vrrp.TrackSourceAddress = true)
            .Add("virtual_router_id", VirtualRouterId)
            .Add("unicast_ttl", UnicastTtl)
            .Add("version", VersionLine)
            .Add("priority", PriorityLine)
            .Add("advert_int", AdvertInt)
            .Add("virtual_ipaddress", t => state.Context.Parser.ReadValueBlock(t, VirtualAddressLine))
            .Add("virtual_ipaddress_excluded", t => state.Context.Parser.ReadValueBlock(t, ExcludedAddressLine))
            .Add("promote_secondaries", _ => Vrrp.PromoteSecondaries = true)
            .Add("linkbeat_use_polling", _ =>
            {
                Vrrp.LinkbeatUsePolling = true;
                state.Error($"({Name}) 'linkbeat_use_polling' in vrrp instance deprecated - use linkbeat_interfaces block");
            })
            .Add("virtual_routes", t => state.Context.Parser.ReadValueBlock(t, l => Add(Vrrp.VirtualRoutes, IpRouteParser.Parse(state.Context, l, allowTrackGroup: false))))
            .Add("virtual_rules", t => state.Context.Parser.ReadValueBlock(t, l => Add(Vrrp.VirtualRules, IpRuleParser.Parse(state.Context, l, allowTrackGroup: false))))
            .Add("accept", _ => Vrrp.Accept = true)
            .Add("no_accept", _ => Vrrp.Accept = false)
            .Add("skip_check_adv_addr", t =>
            {
                // keepalived sets the flag for "false" too.
                if (OptionalBool(t, $"({Name}) invalid skip_check_adv_addr {t.Optional(1)} specified") is not null)
                    Vrrp.SkipCheckAdvAddr = true;
            })
            .Add("strict_mode", t => Vrrp.StrictMode = OptionalBool(t, $"({Name}) invalid strict_mode {t.Optional(1)} specified") ?? Vrrp.StrictMode)
            .Add("preempt", _ => Vrrp.NoPreempt = false)
            .Add("nopreempt", _ => Vrrp.NoPreempt = true)
            .Add("preempt_delay", PreemptDelay)
            .Add("debug", DebugLine);
        InstallNotify();
        InstallGarp();
        Table.Block("authentication", null, auth => auth
            .Add("auth_type", AuthType)
            .Add("auth_pass", AuthPass));
        root.Block("vrrp_instance", Begin, Table, End);
    }

    private static void Add<T>(List<T> list, T? item) where T : class
    {
        if (item is not null) list.Add(item);
    }

    /// <summary>An optional true/false word (absent = true); null after reporting an invalid one.</summary>
    private bool? OptionalBool(Tokens t, string invalid)
    {
        if (t.Count < 2) return true;
        var value = ValueReader.TrueFalse(t[1]);
        if (value is null) state.Error(invalid);
        return value;
    }

    private void Begin(Tokens t)
    {
        if (t.Count != 2)
        {
            state.Error("vrrp_instance must have a name");
            state.Instance = null;
            state.Context.Parser.SkipBlock(true);
            return;
        }
        if (state.Config.FindInstance(t[1]) is not null)
        {
            state.Error($"vrrp instance {t[1]} already defined");
            state.Instance = null;
            state.Context.Parser.SkipBlock(true);
            return;
        }
        var globals = state.Globals();
        state.Instance = new VrrpInstance(t[1], state.Context.Here()) { SkipCheckAdvAddr = globals.SkipCheckAdvAddr };
        state.Config.Instances.Add(state.Instance);
    }

    /// <summary>vrrp_end_handler: checks that need the whole block.</summary>
    private void End()
    {
        var vrrp = Vrrp;
        if (vrrp.UnicastConfigured && (vrrp.UseVmac || vrrp.UseIpvlan))
        {
            if (vrrp.Interface is null)
            {
                state.Error($"({Name}): Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac");
                vrrp.UseVmac = vrrp.UseIpvlan = false;
                vrrp.VmacInterfaceName = null;
            }
            else if (!vrrp.VmacXmitBase)
            {
                state.Error($"({Name}) unicast with use_vmac requires vmac_xmit_base - setting");
                vrrp.VmacXmitBase = true;
            }
        }
        if (vrrp.UnicastPeers.Count == 0 && vrrp.UnicastTtl != -1)
        {
            state.Error($"({Name}): Cannot use unicast_ttl without unicast peers - resetting");
            vrrp.UnicastTtl = 0;
        }
        if (vrrp.Interface is null) vrrp.LinkbeatUsePolling = false;
    }

    private void UnicastPeerBlock(Tokens t)
    {
        Vrrp.UnicastConfigured = true;
        state.Context.Parser.ReadValueBlock(t, UnicastPeerLine);
    }

    private void UnicastPeerLine(Tokens t)
    {
        var address = InetText.StoSockaddr(t[0]);
        if (address is null)
        {
            state.Error($"Configuration error: VRRP instance[{Name}] malformed unicast peer address[{t[0]}]. Skipping...");
            return;
        }
        if (Vrrp.Family == AddressFamily.Unspecified) Vrrp.Family = address.AddressFamily;
        else if (address.AddressFamily != Vrrp.Family)
        {
            state.Error($"Configuration error: VRRP instance[{Name}] and unicast peer address[{t[0]}] MUST be of the same family !!! Skipping...");
            return;
        }
        int min = 0, max = 255;
        for (var i = 1; i < t.Count; i += 2)
        {
            if (i + 1 >= t.Count)
            {
                state.Error($"({Name}) {t[i]} is missing a value");
                break;
            }
            if (!state.Values.ReadUnsigned(t[i + 1], out var ttl, 0, 255)) continue;
            if (t[i] == "min_ttl") min = (int)ttl;
            else if (t[i] == "max_ttl") max = (int)ttl;
            else
            {
                state.Error($"({Name}) unknown unicast_peer option {t[i]}");
                break;
            }
            Vrrp.CheckUnicastSource = true;
        }
        if (min > max)
            state.Error($"({Name}) min_ttl {min} > max_ttl {max} - all packets will be discarded");
        Vrrp.UnicastPeers.Add(new UnicastPeer(address, min, max));
    }

    private void OldUnicastChecksum(Tokens t)
    {
        Vrrp.UnicastConfigured = true;
        if (t.Count < 2) Vrrp.OldUnicastChecksum = "";
        else if (t[1] == "never") Vrrp.OldUnicastChecksum = "never";
        else state.Error($"({Name}) Unknown old_unicast_chksum mode {t[1]} - ignoring");
    }

    private void NativeIpv6(Tokens t)
    {
        if (Vrrp.Family == AddressFamily.InterNetwork)
        {
            state.Error($"({Name}) Cannot specify native_ipv6 with IPv4 addresses");
            return;
        }
        Vrrp.NativeIpv6 = true;
        Vrrp.Family = AddressFamily.InterNetworkV6;
        Vrrp.Version = 3;
    }

    private void StateLine(Tokens t)
    {
        var value = t[1];
        if (value == "MASTER") Vrrp.State = VrrpState.Master;
        else if (value == "BACKUP")
        {
            if (Vrrp.State == VrrpState.Master) state.Error($"({Name}) state previously set as MASTER - ignoring BACKUP");
            else Vrrp.State = VrrpState.Backup;
        }
        else
        {
            state.Error($"({Name}) unknown state '{value}', defaulting to BACKUP");
            Vrrp.State = VrrpState.Backup;
        }
    }

    private void InterfaceLine(Tokens t)
    {
        var name = t[1];
        if (name.Length >= IfNameSize)
        {
            state.Error($"Interface name '{name}' too long - ignoring");
            return;
        }
        Vrrp.Interface = null;
        if (!state.Interfaces.Get(name))
            state.Error($"WARNING - interface {name} for vrrp_instance {Name} doesn't exist");
        else if (VrrpInterfaces.IsLoopback(name))
            state.Error($"({Name}) cannot use a loopback interface ({name}) for vrrp - ignoring");
        else
            Vrrp.Interface = name;
    }

    private void VrfLine(Tokens t)
    {
        var name = t[1];
        if (name.Length >= IfNameSize) state.Error($"({Name}) VRF interface name '{name}' too long - ignoring");
        else if (Vrrp.Interface is not null) state.Error($"({Name}) Cannot specify VRF interface and interface - ignoring");
        else if (Vrrp.Vrf is not null) state.Error($"({Name}) VRF interface already specified as '{Vrrp.Vrf}' - ignoring");
        else if (!state.Interfaces.Get(name)) state.Error($"({Name}) WARNING - VRF interface {name} doesn't exist");
        else if (VrrpInterfaces.IsLoopback(name)) state.Error($"({Name}) cannot use a loopback interface ({name}) for VRF - ignoring");
        else Vrrp.Vrf = name;
    }

    private void SourceIp(Tokens t)
    {
        var address = InetText.StoSockaddr(t[1]);
        if (address is null)
        {
            state.Error($"Configuration error: VRRP instance[{Name}] malformed src address[{t[1]}]. Skipping...");
            Vrrp.SourceAddress = null;
            return;
        }
        if (Vrrp.Family == AddressFamily.Unspecified) Vrrp.Family = address.AddressFamily;
        else if (address.AddressFamily != Vrrp.Family)
        {
            state.Error($"Configuration error: VRRP instance[{Name}] and src address[{t[1]}] MUST be of the same family !!! Skipping...");
            Vrrp.SourceAddress = null;
            return;
        }
        Vrrp.SourceAddress = address;
    }

    private void McastDestination(Tokens t)
    {
        var address = InetText.StoSockaddr(t[1]);
        if (address is null)
        {
            state.Error($"({Name}) malformed mcast dest address {t[1]}. Skipping...");
            return;
        }
        if (Vrrp.Family == AddressFamily.Unspecified) Vrrp.Family = address.AddressFamily;
        else if (address.AddressFamily != Vrrp.Family)
        {
            state.Error($"({Name}) mcast dest address {t[1]} MUST match VRRP instance family. Skipping...");
            Vrrp.MulticastDestination = null;
            return;
        }
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var bytes = address.GetAddressBytes();
        var multicast = v6 ? bytes[0] == 0xff && (bytes[1] & 0x0f) == 2 : (bytes[0] & 0xf0) == 0xe0;
        if (!multicast)
        {
            state.Error($"({Name}) mcast_dst_ip {t[1]} not{(v6 ? " link-local" : "")} multicast. Skipping...");
            Vrrp.MulticastDestination = null;
            return;
        }
        Vrrp.MulticastDestination = address;
    }

    private void VirtualRouterId(Tokens t)
    {
        if (!state.Values.ReadUnsigned(t[1], out var vrid, 1, 255))
        {
            state.Error($"({Name}): VRID '{t[1]}' not valid - must be between 1 & 255");
            return;
        }
        Vrrp.VirtualRouterId = (int)vrid;
    }

    private void UnicastTtl(Tokens t)
    {
        if (!state.Values.ReadUnsigned(t[1], out var ttl, 0, 255))
        {
            state.Error($"({Name}): TTL '{t[1]}' not valid - must be between 0 & 255");
            return;
        }
        Vrrp.UnicastTtl = (int)ttl;
    }

    private void VersionLine(Tokens t)
    {
        if (!state.Values.ReadInt(t[1], out var version, 2, 3, true))
        {
            state.Error($"({Name}): Version must be either 2 or 3");
            return;
        }
        if ((Vrrp.Version != 0 && Vrrp.Version != version) || (version == 2 && Vrrp.Family == AddressFamily.InterNetworkV6))
        {
            state.Error($"({Name}) vrrp_version {version} conflicts with configured or deduced version {Vrrp.Version}; ignoring.");
            return;
        }
        Vrrp.Version = version;
    }

    private void PriorityLine(Tokens t)
    {
        if (state.Values.ReadUnsigned(t[1], out var priority, 1, VrrpInstance.PriorityOwner))
        {
            Vrrp.Priority = (int)priority;
            return;
        }
        state.Error($"({Name}) Priority not valid! must be between 1 & {VrrpInstance.PriorityOwner}. Using default {VrrpInstance.PriorityDefault}");
        Vrrp.Priority = VrrpInstance.PriorityDefault;
    }

    private void AdvertInt(Tokens t)
    {
        if (!state.Values.ReadDecimal(t[1], out var interval, 10_000, 255_000_000, ValueReader.TimerHzDigits, true) || interval == 0)
        {
            state.Error($"({Name}) Advert interval ({t[1]}) not valid! Must be > 0 - ignoring");
            return;
        }
        Vrrp.AdvertInterval = VrrpParseState.Micro(interval);
    }

    private void VirtualAddressLine(Tokens t)
    {
        if (IpAddressParser.Parse(state.Context, t, isStatic: false) is not { } vip) return;
        var family = vip.Address.AddressFamily;
        if (Vrrp.Family == AddressFamily.Unspecified) Vrrp.Family = family;
        else if (family != Vrrp.Family)
        {
            state.Error($"({Name}): address family must match VRRP instance [{t[0]}] - ignoring");
            return;
        }
        Vrrp.VirtualAddresses.Add(vip);
    }

    private void ExcludedAddressLine(Tokens t) => Add(Vrrp.ExcludedVirtualAddresses, IpAddressParser.Parse(state.Context, t, isStatic: false));

    private void PreemptDelay(Tokens t)
    {
        if (!state.Values.ReadDecimal(t[1], out var delay, 0, 1000UL * 1_000_000, ValueReader.TimerHzDigits, true))
        {
            state.Error($"({Name}) Preempt_delay not valid! must be between 0-1000");
            Vrrp.PreemptDelay = TimeSpan.Zero;
            return;
        }
        Vrrp.PreemptDelay = VrrpParseState.Micro(delay);
    }

    private void DebugLine(Tokens t)
    {
        if (!state.Values.ReadUnsigned(t[1], out var level, 0, 4, true))
            state.Error($"({Name}) Debug value '{t[1]}' not valid; must be between 0-4");
        else
            Vrrp.Debug = (int)level;
    }

    private void AuthType(Tokens t)
    {
        var value = t[1];
        if (value == "AH") Vrrp.AuthType = VrrpAuthType.Ah;
        else if (value == "PASS") Vrrp.AuthType = VrrpAuthType.Pass;
        else state.Error($"({Name}) unknown authentication type '{value}'");
    }

    private void AuthPass(Tokens t)
    {
        const int max = 8;
        var value = t[1];
        if (System.Text.Encoding.UTF8.GetByteCount(value) > max)
        {
            state.Error($"Truncating auth_pass to {max} characters");
            value = TruncateBytes(value, max);
        }
        Vrrp.AuthPass = value;
    }

    private static string TruncateBytes(string value, int bytes)
    {
        var encoded = System.Text.Encoding.UTF8.GetBytes(value);
        return System.Text.Encoding.UTF8.GetString(encoded, 0, bytes);
    }

    internal static bool IsIPv6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6;
}
