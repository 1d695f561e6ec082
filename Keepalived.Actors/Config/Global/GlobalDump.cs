namespace Keepalived.Actors.Config.Global;

/// <summary>Writes the global part back as keepalived.conf (for <c>-d</c>), defaults explicit.</summary>
internal static class GlobalDump
{
    public static void Write(GlobalConfig g, ConfWriter w)
    {
        if (g.NetNamespace is not null) w.Line("net_namespace", g.NetNamespace);
        if (g.Instance is not null) w.Line("instance", g.Instance);
        if (g.LinkbeatUsePolling) w.Line("linkbeat_use_polling");
        w.Block("global_defs", () => GlobalDefs(g, w));
        foreach (var tg in g.TrackGroups)
            w.Block($"track_group {tg.Name}", () => { if (tg.Instances is { } i) w.Block("group", () => i.ForEach(n => w.Line(n))); });
        if (g.StaticAddresses.Count > 0) w.Block("static_ipaddress", () => g.StaticAddresses.ForEach(a => w.Line([.. a.Words()])));
        if (g.StaticRoutes.Count > 0) w.Block("static_routes", () => g.StaticRoutes.ForEach(r => w.Line([.. r.Words()])));
        if (g.StaticRules.Count > 0) w.Block("static_rules", () => g.StaticRules.ForEach(r => w.Line([.. r.Words()])));
        foreach (var gg in g.GarpGroups)
            w.Block("garp_group", () =>
            {
                if (gg.GarpInterval is { } gi) w.Line("garp_interval", gi.TotalSeconds);
                if (gg.GnaInterval is { } na) w.Line("gna_interval", na.TotalSeconds);
                if (gg.AggregationGroup != 0) w.Block("interfaces", () => gg.Interfaces.ForEach(i => w.Line(i)));
                else gg.Interfaces.ForEach(i => w.Line("interface", i));
            });
        if (g.LinkbeatInterfaces.Count > 0) w.Block("linkbeat_interfaces", () => g.LinkbeatInterfaces.ForEach(l => w.Line(l.Interface, l.Type)));
        if (g.InterfaceUpDownDelays.Count > 0)
            w.Block("interface_up_down_delays", () => g.InterfaceUpDownDelays.ForEach(d => w.Line(d.Interface, d.DownDelay.TotalSeconds, d.UpDelay.TotalSeconds)));
    }

    private static void Opt(ConfWriter w, string keyword, object? value)
    {
        if (value is not null) w.Line(keyword, value);
    }

    private static void GlobalDefs(GlobalConfig g, ConfWriter w)
    {
        Opt(w, "router_id", g.RouterId);
        Opt(w, "process_name", g.ProcessName);
        Opt(w, "vrrp_process_name", g.VrrpProcessName);
        Opt(w, "checker_process_name", g.CheckerProcessName);
        Opt(w, "bfd_process_name", g.BfdProcessName);
        if (g.NotificationEmail.Count > 0) w.Block("notification_email", () => g.NotificationEmail.ForEach(e => w.Line(e)));
        Opt(w, "notification_email_from", g.NotificationEmailFrom);
        if (g.SmtpServer is not null) w.Line("smtp_server", g.SmtpServer, g.SmtpPort);
        Opt(w, "smtp_helo_name", g.SmtpHeloName);
        w.Line("smtp_connect_timeout", (g.SmtpConnectTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds);
        Opt(w, "smtp_alert", g.SmtpAlert);
        Opt(w, "smtp_alert_vrrp", g.SmtpAlertVrrp);
        Opt(w, "smtp_alert_checker", g.SmtpAlertChecker);
        if (g.StartupScript is { } up) { w.Line("startup_script", up.ToString()); w.Line("startup_script_timeout", g.StartupScriptTimeout); }
        if (g.ShutdownScript is { } down) { w.Line("shutdown_script", down.ToString()); w.Line("shutdown_script_timeout", g.ShutdownScriptTimeout); }
        foreach (var f in new[] { g.NotifyFifo, g.VrrpNotifyFifo, g.LvsNotifyFifo })
        {
            if (f.Name is not null) w.Line($"{f.Prefix}notify_fifo", f.Name, f.User, f.Group);
            if (f.Script is not null) w.Line($"{f.Prefix}notify_fifo_script", f.Script.ToString());
        }
        if (g.ScriptUser is not null) w.Line("script_user", g.ScriptUser, g.ScriptGroup);
        if (g.EnableScriptSecurity) w.Line("enable_script_security");
        if (g.DynamicInterfaces) w.Line("dynamic_interfaces", g.AllowIfChanges ? "allow_if_changes" : null);
        Opt(w, "default_interface", g.DefaultInterface);
        w.Line("max_auto_priority", g.MaxAutoPriority);
        w.Line("min_auto_priority_delay", (long)(g.MinAutoPriorityDelay.Ticks / 10));
        if (g.LvsSyncDaemon is { } s)
            w.Line("lvs_sync_daemon", s.Interface, s.VrrpInstance is null ? null : "inst", s.VrrpInstance, s.SyncId is null ? null : "id", s.SyncId,
                s.MaxLen is null ? null : "maxlen", s.MaxLen, s.Port is null ? null : "port", s.Port, s.Ttl is null ? null : "ttl", s.Ttl,
                s.Group is null ? null : "group", s.Group);
        if (g.LvsTimeoutTcp is not null || g.LvsTimeoutTcpFin is not null || g.LvsTimeoutUdp is not null)
            w.Line("lvs_timeouts", g.LvsTimeoutTcp is null ? null : "tcp", g.LvsTimeoutTcp, g.LvsTimeoutTcpFin is null ? null : "tcpfin",
                g.LvsTimeoutTcpFin, g.LvsTimeoutUdp is null ? null : "udp", g.LvsTimeoutUdp);
        if (g.LvsFlush) w.Line("lvs_flush");
        if (g.LvsFlushOnStop is not null) w.Line("lvs_flush_on_stop", g.LvsFlushOnStop == "VS" ? "VS" : null);
        w.Line("vrrp_mcast_group4", g.VrrpMcastGroup4);
        w.Line("vrrp_mcast_group6", g.VrrpMcastGroup6);
        w.Line("vrrp_garp_master_delay", g.VrrpGarpMasterDelay.TotalSeconds);
        w.Line("vrrp_garp_master_repeat", g.VrrpGarpMasterRepeat);
        w.Line("vrrp_garp_master_refresh", g.VrrpGarpMasterRefresh.TotalSeconds);
        w.Line("vrrp_garp_master_refresh_repeat", g.VrrpGarpMasterRefreshRepeat);
        if (g.VrrpGarpLowerPrioDelay is { } lpd) w.Line("vrrp_garp_lower_prio_delay", lpd.TotalSeconds);
        Opt(w, "vrrp_garp_lower_prio_repeat", g.VrrpGarpLowerPrioRepeat);
        w.Line("vrrp_down_timer_adverts", g.VrrpDownTimerAdverts);
        // 0 (the default: no delay between gratuitous packets) is not a value these keywords accept.
        if (g.VrrpGarpInterval > TimeSpan.Zero) w.Line("vrrp_garp_interval", g.VrrpGarpInterval.TotalSeconds);
        if (g.VrrpGnaInterval > TimeSpan.Zero) w.Line("vrrp_gna_interval", g.VrrpGnaInterval.TotalSeconds);
        if (g.VrrpGarpExtraIfDelay != 0) w.Line("vrrp_garp_extra_if", g.VrrpGarpExtraIfDelay, g.VrrpGarpExtraIfAll ? "all" : null);
        w.Line("vrrp_lower_prio_no_advert", g.VrrpLowerPrioNoAdvert);
        w.Line("vrrp_higher_prio_send_advert", g.VrrpHigherPrioSendAdvert);
        w.Line("vrrp_version", g.VrrpVersion);
        if (g.VrrpCheckUnicastSrc) w.Line("vrrp_check_unicast_src");
        if (g.VrrpSkipCheckAdvAddr) w.Line("vrrp_skip_check_adv_addr");
        if (g.VrrpStrict) w.Line("vrrp_strict");
        if (g.NftablesTable is not null) { w.Line("nftables", g.NftablesTable); w.Line("nftables_priority", g.NftablesPriority); }
        if (g.NftablesIfindex) w.Line("nftables_ifindex");
        if (g.NftablesIpvsTable is not null)
        {
            w.Line("nftables_ipvs", g.NftablesIpvsTable);
            w.Line("nftables_ipvs_priority", g.NftablesIpvsPriority);
            w.Line("nftables_ipvs_start_fwmark", g.NftablesIpvsStartFwmark);
        }
        if (g.NftablesCounters) w.Line("nftables_counters");
        foreach (var (name, s2) in new[] { ("vrrp", g.Vrrp), ("checker", g.Checker), ("bfd", g.Bfd) })
        {
            w.Line($"{name}_priority", s2.Priority);
            if (s2.NoSwap) w.Line($"{name}_no_swap");
            Opt(w, $"{name}_rt_priority", s2.RealtimePriority);
            if (s2.CpuAffinity.Count > 0) w.Line([$"{name}_cpu_affinity", .. s2.CpuAffinity.Cast<object?>()]);
            w.Line($"{name}_rlimit_rttime", s2.RlimitRttime);
        }
        Opt(w, "snmp_socket", g.SnmpSocket);
        if (g.EnableTraps) w.Line("enable_traps");
        if (g.EnableSnmpVrrp) w.Line("enable_snmp_vrrp");
        if (g.EnableSnmpRfcV2) w.Line("enable_snmp_rfcv2");
        if (g.EnableSnmpRfcV3) w.Line("enable_snmp_rfcv3");
        if (g.EnableSnmpChecker) w.Line("enable_snmp_checker");
        if (g.EnableDbus) w.Line("enable_dbus");
        Opt(w, "dbus_service_name", g.DbusServiceName);
        foreach (var (k, v) in g.NetlinkBufs) w.Line(k, v);
        foreach (var (k, v) in g.NetlinkBufsForce) w.Line(k + "_force", v);
        if (g.VrrpStartupDelay > TimeSpan.Zero) w.Line("vrrp_startup_delay", g.VrrpStartupDelay.TotalSeconds);
        if (g.LogUnknownVrids) w.Line("log_unknown_vrids");
        Opt(w, "vmac_prefix", g.VmacPrefix);
        Opt(w, "vmac_addr_prefix", g.VmacAddrPrefix);
        Opt(w, "vrrp_rx_bufs_policy", g.VrrpRxBufsPolicy);
        w.Line("vrrp_rx_bufs_multiplier", g.VrrpRxBufsMultiplier);
        if (g.Umask is { } um) w.Line("umask", "0" + Convert.ToString(um, 8));
        Opt(w, "random_seed", g.RandomSeed);
        Opt(w, "tmp_config_directory", g.TmpConfigDirectory);
        Opt(w, "config_save_dir", g.ConfigSaveDir);
        Opt(w, "reload_check_config", g.ReloadCheckConfig);
        Opt(w, "reload_time_file", g.ReloadTimeFile);
        if (g.ReloadRepeat) w.Line("reload_repeat");
        Opt(w, "reload_file", g.ReloadFile);
        if (g.DataUseInstance) w.Line("data_use_instance");
        if (g.NoEmailFaults) w.Line("no_email_faults");
        if (g.CheckerLogAllFailures) w.Line("checker_log_all_failures");
        if (g.RsInitNotifies) w.Line("rs_init_notifies");
        if (g.NoCheckerEmails) w.Line("no_checker_emails");
        if (g.VrrpNotifyPriorityChanges) w.Line("vrrp_notify_priority_changes");
        if (g.FifoWriteVrrpStatesOnReload) w.Line("fifo_write_vrrp_states_on_reload");
        if (g.DisableLocalIgmp) w.Line("disable_local_igmp");
    }
}
