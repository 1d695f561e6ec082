using Keepalived.Actors.Config.Global;
using System.Globalization;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>Writes the VRRP configuration back in keepalived.conf syntax, defaults explicit.</summary>
internal sealed class VrrpDumper(VrrpConfig config)
{
    public void Write(ConfWriter w)
    {
        foreach (var s in config.Scripts) Script(w, s);
        foreach (var p in config.TrackProcesses) Process(w, p);
        foreach (var f in config.TrackFiles) File(w, f);
        foreach (var g in config.SyncGroups) SyncGroup(w, g);
        foreach (var i in config.Instances) Instance(w, i);
    }

    private static string Sec(TimeSpan t) => (t.Ticks / 1e7).ToString("0.######", CultureInfo.InvariantCulture);

    private static void Script(ConfWriter w, VrrpScript s) => w.Block($"vrrp_script {s.Name}", () =>
    {
        if (s.Script is not null) w.Line("script", s.Script.ToString());
        w.Line("interval", Sec(s.Interval));
        // An unset timeout (0) is not a value the keyword accepts.
        if (s.Timeout > TimeSpan.Zero) w.Line("timeout", Sec(s.Timeout));
        w.Line("weight", s.Weight, s.WeightReverse ? "reverse" : null).Line("rise", s.Rise).Line("fall", s.Fall);
        if (s.User is not null) w.Line("user", s.User, s.Group);
        if (s.InitFail) w.Line("init_fail");
    });

    private static void Process(ConfWriter w, TrackedProcess p) => w.Block($"vrrp_track_process {p.Name}", () =>
    {
        if (p.Process is not null) w.Line(["process", p.Process, .. p.Parameters]);
        if (p.ParamMatch != ParamMatch.None) w.Line("param_match", p.ParamMatch.ToString().ToLowerInvariant());
        w.Line("weight", p.Weight, p.WeightReverse ? "reverse" : null).Line("quorum", p.Quorum).Line("quorum_max", p.QuorumMax);
        w.Line("terminate_delay", Sec(p.TerminateDelay)).Line("fork_delay", Sec(p.ForkDelay));
        if (p.FullCommand) w.Line("full_command");
    });

    private static void File(ConfWriter w, TrackedFile f) => w.Block($"track_file {f.Name}", () =>
    {
        w.Line("file", f.File).Line("weight", f.Weight, f.WeightReverse ? "reverse" : null);
        if (f.InitFile) w.Line("init_file", f.InitValue, f.InitOverwrite ? "overwrite" : null);
    });

    private static void SyncGroup(ConfWriter w, VrrpSyncGroup g) => w.Block($"vrrp_sync_group {g.Name}", () =>
    {
        if (g.Members is not null) w.Block("group", () => g.Members.ForEach(m => w.Line(m)));
        Tracks(w, g.Tracks);
        Notify(w, g.Notify);
        if (g.SmtpAlert is { } smtp) w.Line("smtp_alert", smtp);
        if (g.TrackingWeight) w.Line("sync_group_tracking_weight");
        if (g.NotifyPriorityChanges is { } npc) w.Line("notify_priority_changes", npc);
    });

    private static void Tracks(ConfWriter w, List<TrackedItem> tracks)
    {
        foreach (var kind in Enum.GetValues<TrackKind>())
        {
            var items = tracks.Where(t => t.Kind == kind).ToList();
            if (items.Count == 0) continue;
            var keyword = "track_" + kind.ToString().ToLowerInvariant();
            w.Block(keyword, () => items.ForEach(t => w.Line(t.Name, "weight", t.Weight, t.Reverse ? "reverse" : null)));
        }
    }

    private static void Notify(ConfWriter w, NotifyScripts notify)
    {
        foreach (var (keyword, script) in notify.All)
            if (script is not null) w.Line(keyword, script.ToString(), script.User, script.User is null ? null : script.Group);
    }

    private static void Instance(ConfWriter w, VrrpInstance v) => w.Block($"vrrp_instance {v.Name}", () =>
    {
        w.Line("state", v.State == VrrpState.Init ? null : v.State.ToString().ToUpperInvariant());
        if (v.Interface is not null) w.Line("interface", v.Interface);
        if (v.Vrf is not null) w.Line("vrf", v.Vrf);
        if (v.UseVmac) w.Line("use_vmac", v.VmacInterfaceName, v.VmacMacAddress);
        if (v.UseVmacAddr) w.Line("use_vmac_addr");
        if (v.VmacXmitBase) w.Line("vmac_xmit_base");
        if (v.UseIpvlan) w.Line("use_ipvlan", v.VmacInterfaceName, v.IpvlanAddress, v.IpvlanType);
        if (v.NativeIpv6) w.Line("native_ipv6");
        if (v.DontTrackPrimary) w.Line("dont_track_primary");
        if (v.SourceAddress is not null) w.Line(v.UnicastConfigured ? "unicast_src_ip" : "mcast_src_ip", v.SourceAddress);
        if (v.MulticastDestination is not null) w.Line("mcast_dst_ip", v.MulticastDestination);
        if (v.TrackSourceAddress) w.Line("track_src_ip");
        if (v.UnicastPeers.Count > 0)
            w.Block("unicast_peer", () => v.UnicastPeers.ForEach(p => w.Line(p.Address, "min_ttl", p.MinTtl, "max_ttl", p.MaxTtl)));
        if (v.UnicastFaultNoPeer) w.Line("unicast_fault_no_peer");
        if (v.CheckUnicastSource) w.Line("check_unicast_src");
        if (v.OldUnicastChecksum is not null) w.Line("old_unicast_checksum", v.OldUnicastChecksum.Length == 0 ? null : v.OldUnicastChecksum);
        // unicast_ttl is refused without unicast peers.
        if (v.UnicastTtl >= 0 && v.UnicastPeers.Count > 0) w.Line("unicast_ttl", v.UnicastTtl);
        w.Line("virtual_router_id", v.VirtualRouterId);
        if (v.Version != 0) w.Line("version", v.Version);
        w.Line("priority", v.Priority == 0 ? VrrpInstance.PriorityDefault : v.Priority);
        w.Line("advert_int", Sec(v.AdvertInterval == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : v.AdvertInterval));
        if (v.AuthType != VrrpAuthType.None)
            w.Block("authentication", () => w.Line("auth_type", v.AuthType.ToString().ToUpperInvariant()).Line("auth_pass", v.AuthPass));
        Addresses(w, "virtual_ipaddress", v.VirtualAddresses);
        Addresses(w, "virtual_ipaddress_excluded", v.ExcludedVirtualAddresses);
        if (v.VirtualRoutes.Count > 0) w.Block("virtual_routes", () => v.VirtualRoutes.ForEach(r => w.Line([.. r.Words()])));
        if (v.VirtualRules.Count > 0) w.Block("virtual_rules", () => v.VirtualRules.ForEach(r => w.Line([.. r.Words()])));
        Tracks(w, v.Tracks);
        Notify(w, v.Notify);
        Flags(w, v);
        Optional(w, v);
    });

    private static void Addresses(ConfWriter w, string keyword, List<VirtualIpAddress> list)
    {
        if (list.Count > 0) w.Block(keyword, () => list.ForEach(a => w.Line([.. a.Words()])));
    }

    private static void Flags(ConfWriter w, VrrpInstance v)
    {
        if (v.PromoteSecondaries) w.Line("promote_secondaries");
        if (v.LinkbeatUsePolling) w.Line("linkbeat_use_polling");
        if (v.Accept is { } accept) w.Line(accept ? "accept" : "no_accept");
        if (v.SkipCheckAdvAddr) w.Line("skip_check_adv_addr");
        if (v.StrictMode is { } strict) w.Line("strict_mode", strict);
        w.Line(v.NoPreempt ? "nopreempt" : "preempt");
        w.Line("preempt_delay", Sec(v.PreemptDelay));
        if (v.Debug != 0) w.Line("debug", v.Debug);
        if (v.NotifyDeleted && v.Notify["notify_deleted"] is null) w.Line("notify_deleted");
        if (v.SmtpAlert is { } smtp) w.Line("smtp_alert", smtp);
        if (v.NotifyPriorityChanges is { } npc) w.Line("notify_priority_changes", npc);
        if (v.KernelRxBufSize != 0) w.Line("kernel_rx_buf_size", v.KernelRxBufSize);
    }

    private static void Optional(ConfWriter w, VrrpInstance v)
    {
        if (v.GarpMasterDelay is { } d) w.Line("garp_master_delay", (long)d.TotalSeconds);
        if (v.GarpMasterRefresh is { } r) w.Line("garp_master_refresh", (long)r.TotalSeconds);
        if (v.GarpMasterRepeat is { } rep) w.Line("garp_master_repeat", rep);
        if (v.GarpMasterRefreshRepeat is { } rr) w.Line("garp_master_refresh_repeat", rr);
        if (v.GarpLowerPrioDelay is { } ld) w.Line("garp_lower_prio_delay", (long)ld.TotalSeconds);
        if (v.GarpLowerPrioRepeat is { } lr) w.Line("garp_lower_prio_repeat", lr);
        if (v.DownTimerAdverts is { } dta) w.Line("down_timer_adverts", dta);
        if (v.GarpExtraInterfaceInterval is { } gx) w.Line("garp_extra_if", (long)gx.TotalSeconds, v.GarpExtraInterfaceAll ? "all" : null);
        if (v.LowerPrioNoAdvert is { } lp) w.Line("lower_prio_no_advert", lp);
        if (v.HigherPrioSendAdvert is { } hp) w.Line("higher_prio_send_advert", hp);
    }
}
