using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// keepalived's vrrp_complete_instance: derives what was not configured (version, priority,
/// state, strict-mode defaults, advert interval) and reports settings that do not go together.
/// Returns false when keepalived gives up on the configuration.
/// </summary>
internal sealed class VrrpInstanceCompleter(VrrpParseState state, VrrpValidator validator)
{
    private const int MaxAddresses = 255;
    private const int DefaultMtu = 1500;

    public bool Complete(VrrpInstance vrrp)
    {
        var g = state.Globals();
        var strict = vrrp.StrictMode ??= g.VrrpStrict;
        var name = vrrp.Name;
        void Error(string message) => validator.Error($"({name}) {message}");

        if (vrrp.Family == AddressFamily.InterNetworkV6)
        {
            if (vrrp.Version == 2 && strict)
            {
                Error("cannot use IPv6 with VRRP version 2; setting version 3");
                vrrp.Version = 3;
            }
            else if (vrrp.Version == 0)
                vrrp.Version = 3;
        }
        if (vrrp.Family == AddressFamily.Unspecified) vrrp.Family = AddressFamily.InterNetwork;
        var v4 = vrrp.Family == AddressFamily.InterNetwork;
        if (vrrp.Version == 0) vrrp.Version = g.VrrpVersion;
        if (v4 && vrrp.UnicastTtl == -1) vrrp.UnicastTtl = 255;

        if (vrrp.VirtualAddresses.Count == 0)
        {
            if (vrrp.Version == 3 || strict)
            {
                Error("No VIP specified; at least one is required");
                return false;
            }
            Error("No VIP specified; at least one is sensible");
        }

        if (vrrp.Priority == 0)
            vrrp.Priority = vrrp.State == VrrpState.Master ? VrrpInstance.PriorityOwner : VrrpInstance.PriorityDefault;
        var owner = vrrp.Priority == VrrpInstance.PriorityOwner;
        if (vrrp.State == VrrpState.Init)
            vrrp.State = owner ? VrrpState.Master : VrrpState.Backup;
        else if (strict && (vrrp.State == VrrpState.Master) != owner)
        {
            Error("State MASTER must match being address owner");
            vrrp.State = owner ? VrrpState.Master : VrrpState.Backup;
        }

        CheckAuthentication(vrrp, strict, owner, Error);

        if (strict && vrrp.IsUnicast && vrrp.Interface is not null && state.Context.Host.InterfaceExists(vrrp.Interface))
        {
            Error("Unicast peers are not supported in strict mode");
            return false;
        }
        if (vrrp.Interface is null)
        {
            if (vrrp.SourceAddress is null)
            {
                validator.Error($"({name}): Unicast instances must have unicast_src_ip or interface");
                return false;
            }
            if (!v4 && vrrp.SourceAddress.IsIPv6LinkLocal)
            {
                Error("Non link-local address required if interface omitted");
                return false;
            }
        }
        if (vrrp.UnicastConfigured)
        {
            if (vrrp.UnicastPeers.Count > 0) vrrp.IsUnicast = true;
            else if (vrrp.UnicastFaultNoPeer)
                state.Log($"({name}) Cannot use unicast without any peers - going to fault state");
            else
                validator.Report(ConfigErrorKind.Deprecated,
                    $"({name}) A unicast keyword has been specified without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your configuration.");
        }
        if (strict && vrrp.VmacMacAddress is not null)
        {
            validator.Error($"({name}): cannot specify MAC address with strict mode - clearing");
            vrrp.VmacMacAddress = null;
        }
        if (!v4 && !vrrp.IsUnicast && vrrp.VirtualAddresses.Count > 0 && !vrrp.VirtualAddresses[0].Address.IsIPv6LinkLocal)
        {
            if (strict) Error("the first IPv6 VIP address must be link local");
            else state.Log($"({name}) the first IPv6 VIP address should be link local");
        }
        if (vrrp.Vrf is not null && (vrrp.Interface is not null || !vrrp.IsUnicast))
        {
            Error($"vrf can only be specified with{(vrrp.Interface is not null ? "out interface" : " unicast")} - clearing");
            vrrp.Vrf = null;
        }
        CheckAddressCount(vrrp, v4, Error);

        if (owner && vrrp.NoPreempt)
        {
            Error($"nopreempt is incompatible with priority {VrrpInstance.PriorityOwner}. resetting nopreempt");
            vrrp.NoPreempt = false;
        }
        CheckPreempt(vrrp, strict, Error);
        if (vrrp.DownTimerAdverts is { } adverts && adverts != 3 && strict)
        {
            Error("down_timer_adverts is incompatible with strict mode - resetting");
            vrrp.DownTimerAdverts = 3;
        }
        vrrp.Accept ??= owner || !strict;
        if (vrrp.Accept == true && !owner && strict && vrrp.Version == 2)
        {
            Error("warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            vrrp.Accept = false;
        }
        if (vrrp.IsUnicast && vrrp.MulticastDestination is not null)
        {
            Error("multicast destination specified with unicast - ignoring");
            vrrp.MulticastDestination = null;
        }
        else if (!vrrp.IsUnicast)
            vrrp.MulticastDestination ??= v4 ? g.McastGroup4 : g.McastGroup6;
        CompleteStrictDefaults(vrrp, strict, g, Error);
        vrrp.SmtpAlert ??= g.SmtpAlertVrrp ?? false;
        vrrp.NotifyPriorityChanges ??= (vrrp.SyncGroup is { } sg ? state.Config.FindSyncGroup(sg)?.NotifyPriorityChanges : null)
            ?? g.NotifyPriorityChanges;
        CheckAdvertInterval(vrrp, Error);

        if (vrrp.SourceAddress is null) vrrp.TrackSourceAddress = false;
        if ((vrrp.UseVmac || vrrp.UseIpvlan) && vrrp.PromoteSecondaries)
        {
            Error("promote_secondaries is automatically set for vmacs - ignoring");
            vrrp.PromoteSecondaries = false;
        }
        if (vrrp.UseVmac && strict && vrrp.VmacXmitBase)
        {
            Error("xmit_base is incompatible with strict mode - resetting");
            vrrp.VmacXmitBase = false;
        }
        if (vrrp.UseIpvlan && v4 && vrrp.IpvlanAddress is null)
            Error("IPv4 ipvlan requires a source ip address to be configured. setting instance to fault state");
        if (vrrp.Interface is not null)
            foreach (var own in vrrp.TracksOf(TrackKind.Interface).Where(t => t.Name == vrrp.Interface).ToList())
            {
                Error($"Ignoring track_interface {own.Name} since own interface");
                vrrp.Tracks.Remove(own);
            }
        if (vrrp.VmacXmitBase && !vrrp.UseVmac)
        {
            Error("vmac_xmit_base is only valid with a vmac");
            vrrp.VmacXmitBase = false;
        }
        if (vrrp.VirtualAddresses.Count == 0)
        {
            if (vrrp.Version == 3 || !v4 || strict)
            {
                Error("No VIP specified; at least one is required");
                return false;
            }
            validator.Report(ConfigErrorKind.Warning, $"({name}) No VIP specified; at least one is sensible");
        }
        CheckTrackingWeights(vrrp, owner, Error);
        return true;
    }

    private static void CheckAuthentication(VrrpInstance vrrp, bool strict, bool owner, Action<string> error)
    {
        if (vrrp.AuthType == VrrpAuthType.None) return;
        string? problem =
            strict ? "Strict mode does not support authentication. Ignoring."
            : vrrp.Version == 3 ? "VRRP version 3 does not support authentication. Ignoring."
            : string.IsNullOrEmpty(vrrp.AuthPass) ? "Authentication specified but no password given. Ignoring"
            : vrrp.Family == AddressFamily.InterNetworkV6 && vrrp.AuthType == VrrpAuthType.Ah ? "Cannot use AH authentication with IPv6. ignoring"
            : null;
        if (problem is not null)
        {
            error(problem);
            vrrp.AuthType = VrrpAuthType.None;
        }
        else if (vrrp.AuthType == VrrpAuthType.Ah && vrrp.State == VrrpState.Master && !owner)
        {
            // An AH sequence number must be learnt from an advert before taking over.
            error("Initial state master is incompatible with AH authentication - clearing");
            vrrp.State = VrrpState.Backup;
        }
    }

    /// <summary>The VIPs that fit in an advert (the count is one byte, the packet one MTU); the rest become eVIPs.</summary>
    private static void CheckAddressCount(VrrpInstance vrrp, bool v4, Action<string> error)
    {
        var header = 14 + (v4 ? 20 : 40) + 8 + (v4 && vrrp.Version == 2 ? 8 + (vrrp.AuthType == VrrpAuthType.Ah ? 24 : 0) : 0);
        var max = Math.Min(MaxAddresses, (DefaultMtu - header) / (v4 ? 4 : 16));
        var count = vrrp.VirtualAddresses.Count;
        if (count <= max) return;
        error($"Number of VIPs ({count}) exceeds maximum/space available in packet (max {max} addresses) - excess moved to eVIPs");
        vrrp.ExcludedVirtualAddresses.AddRange(vrrp.VirtualAddresses.Skip(max));
        vrrp.VirtualAddresses.RemoveRange(max, count - max);
    }

    private static void CheckPreempt(VrrpInstance vrrp, bool strict, Action<string> error)
    {
        if (vrrp.State == VrrpState.Master)
        {
            if (vrrp.NoPreempt)
            {
                error("Warning - nopreempt will not work with initial state MASTER - clearing");
                vrrp.NoPreempt = false;
            }
            if (vrrp.PreemptDelay > TimeSpan.Zero)
            {
                error("Warning - preempt delay will not work with initial state MASTER - clearing");
                vrrp.PreemptDelay = TimeSpan.Zero;
            }
        }
        if (vrrp.PreemptDelay <= TimeSpan.Zero) return;
        if (strict)
        {
            error("preempt_delay is incompatible with strict mode - resetting");
            vrrp.PreemptDelay = TimeSpan.Zero;
        }
        if (vrrp.NoPreempt)
        {
            error("preempt_delay is incompatible with nopreempt mode - resetting");
            vrrp.PreemptDelay = TimeSpan.Zero;
        }
    }

    /// <summary>Gratuitous ARP and advert settings: their defaults, and what strict mode forbids.</summary>
    private static void CompleteStrictDefaults(VrrpInstance vrrp, bool strict, IVrrpGlobals g, Action<string> error)
    {
        vrrp.GarpMasterDelay ??= g.GarpMasterDelay;
        vrrp.GarpMasterRepeat ??= g.GarpMasterRepeat;
        vrrp.GarpMasterRefresh ??= g.GarpMasterRefresh;
        vrrp.GarpMasterRefreshRepeat ??= g.GarpMasterRefreshRepeat;
        vrrp.DownTimerAdverts ??= g.DownTimerAdverts;
        if (vrrp.GarpLowerPrioRepeat is null) vrrp.GarpLowerPrioRepeat = strict ? 0 : g.GarpLowerPrioRepeat ?? g.GarpMasterRepeat;
        else if (strict && vrrp.GarpLowerPrioRepeat != 0)
        {
            error("Strict mode requires no repeat garps. resetting");
            vrrp.GarpLowerPrioRepeat = 0;
        }
        if (vrrp.GarpLowerPrioDelay is null) vrrp.GarpLowerPrioDelay = strict ? TimeSpan.Zero : g.GarpLowerPrioDelay ?? g.GarpMasterDelay;
        else if (strict && vrrp.GarpLowerPrioDelay != TimeSpan.Zero)
        {
            error("Strict mode requires no repeat garp delay. resetting");
            vrrp.GarpLowerPrioDelay = TimeSpan.Zero;
        }
        if (vrrp.LowerPrioNoAdvert is null) vrrp.LowerPrioNoAdvert = strict || g.LowerPrioNoAdvert;
        else if (strict && vrrp.LowerPrioNoAdvert == false)
        {
            error("Strict mode requires no lower priority advert. resetting");
            vrrp.LowerPrioNoAdvert = true;
        }
        if (vrrp.HigherPrioSendAdvert is null) vrrp.HigherPrioSendAdvert = !strict && g.HigherPrioSendAdvert;
        else if (strict && vrrp.HigherPrioSendAdvert == true)
        {
            error("strict mode requires higher_prio_send_advert to be clear. resetting");
            vrrp.HigherPrioSendAdvert = false;
        }
    }

    /// <summary>VRRPv2 adverts are whole seconds below 256 s; VRRPv3 centiseconds below 40.96 s.</summary>
    private static void CheckAdvertInterval(VrrpInstance vrrp, Action<string> error)
    {
        if (vrrp.AdvertInterval == TimeSpan.Zero) vrrp.AdvertInterval = TimeSpan.FromSeconds(1);
        var micro = vrrp.AdvertInterval.Ticks / 10;
        string Seconds(string format) => (micro / 1e6).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        var unit = vrrp.Version == 2 ? 1_000_000L : 10_000L;
        var limit = vrrp.Version == 2 ? 256 * unit : 4096 * unit;
        if (micro >= limit)
        {
            error(vrrp.Version == 2
                ? $"VRRPv2 advertisement interval {Seconds("F2")}s is out of range. Must be less than 256s. Setting to 255s"
                : $"VRRPv3 advertisement interval {Seconds("F2")}s is out of range. Must be less than 40.96s. Setting to 40.95s");
            micro = limit - unit;
        }
        else if (micro % unit != 0)
        {
            error(vrrp.Version == 2
                ? $"VRRPv2 advertisement interval {Seconds("F6")}s must be an integer. rounding"
                : $"VRRPv3 advertisement interval {Seconds("F6")}s must be in units of 10ms - rounding");
            micro += unit / 2;
            micro -= micro % unit;
            if (micro == 0) micro = unit;
        }
        vrrp.AdvertInterval = TimeSpan.FromTicks(micro * 10);
    }

    /// <summary>In a sync group without tracking weights, or as address owner, weighted tracking is dropped.</summary>
    private void CheckTrackingWeights(VrrpInstance vrrp, bool owner, Action<string> error)
    {
        var group = vrrp.SyncGroup is { } g ? state.Config.FindSyncGroup(g) : null;
        var syncNoWeight = group is { TrackingWeight: false };
        if (syncNoWeight || owner)
        {
            var reason = syncNoWeight ? "SYNC group" : "address_owner";
            foreach (var track in vrrp.Tracks.ToList())
            {
                switch (track.Kind)
                {
                    case TrackKind.Interface when track.Weight != 0:
                        error($"ignoring {track.Name} tracked interface {(syncNoWeight ? "weight " : "")}due to {(syncNoWeight ? "SYNC group" : "address owner")}");
                        if (syncNoWeight) track.Weight = 0;
                        else vrrp.Tracks.Remove(track);
                        break;
                    case TrackKind.Script when track.Weight != 0:
                        error($"ignoring tracked script {track.Name} with weights due to {reason}");
                        vrrp.Tracks.Remove(track);
                        break;
                    case TrackKind.File when track.Weight == 1:
                        error($"ignoring weight from tracked file {FileName(track)} due to {reason}. specify weight 0");
                        track.Weight = 0;
                        break;
                    case TrackKind.File when track.Weight != 0:
                        error($"ignoring tracked file {FileName(track)} with weight {track.Weight} due to {reason}");
                        vrrp.Tracks.Remove(track);
                        break;
                    case TrackKind.Bfd when track.Weight != 0:
                        error($"ignoring tracked bfd {track.Name} with weight {track.Weight} due to {reason}");
                        vrrp.Tracks.Remove(track);
                        break;
                }
            }
        }
        foreach (var track in vrrp.TracksOf(TrackKind.Script).Where(t => owner && t.Weight != 0).ToList())
        {
            error($"Cannot have weighted track script '{track.Name}' with priority {VrrpInstance.PriorityOwner}");
            vrrp.Tracks.Remove(track);
        }
    }

    private string FileName(TrackedItem track) => state.Config.FindFile(track.Name)?.Name ?? track.Name;
}
