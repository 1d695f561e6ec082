using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Global;

internal sealed partial class GlobalDefsKeywords
{
    private const ulong UintMax = uint.MaxValue;

    private void InstallLvs(KeywordTable k)
    {
        k.Add("lvs_timeouts", LvsTimeouts);
        k.Add("lvs_flush", _h.Flag(() => G.LvsFlush = true));
        Action<Tokens> flushOnStop = t =>
        {
            if (t.Count == 1) G.LvsFlushOnStop = "FULL";
            else if (t[1] == "VS") G.LvsFlushOnStop = "VS";
            else Error($"Unknown lvs_flush_on_stop type {t[1]}");
        };
        k.Add("lvs_flush_on_stop", flushOnStop);
        k.Add("lvs_flush_onstop", flushOnStop);
        k.Add("lvs_sync_daemon", LvsSyncDaemon);
    }

    private void InstallVrrp(KeywordTable k)
    {
        k.Add("vrrp_mcast_group4", t => McastGroup(t, AddressFamily.InterNetwork));
        k.Add("vrrp_mcast_group6", t => McastGroup(t, AddressFamily.InterNetworkV6));
        k.Add("vrrp_garp_master_delay", t =>
        {
            if (_h.Unsigned(t, 1, 0, uint.MaxValue / 1000000, true, $"vrrp_garp_master_delay '{t[1]}' invalid - ignoring", out var v))
                G.VrrpGarpMasterDelay = TimeSpan.FromSeconds(v);
        });
        k.Add("vrrp_garp_master_repeat", t => G.VrrpGarpMasterRepeat = AtLeastOne(t, "vrrp_garp_master_repeat") ?? G.VrrpGarpMasterRepeat);
        k.Add("vrrp_garp_master_refresh", t =>
        {
            var ok = _h.Unsigned(t, 1, 0, uint.MaxValue, true, $"Invalid vrrp_garp_master_refresh '{t[1]}' - ignoring", out var v);
            G.VrrpGarpMasterRefresh = TimeSpan.FromSeconds(ok ? v : 0);
        });
        k.Add("vrrp_garp_master_refresh_repeat", t =>
            G.VrrpGarpMasterRefreshRepeat = AtLeastOne(t, "vrrp_garp_master_refresh_repeat") ?? G.VrrpGarpMasterRefreshRepeat);
        k.Add("vrrp_garp_lower_prio_delay", t =>
        {
            if (_h.Unsigned(t, 1, 0, uint.MaxValue / 1000000, true, $"vrrp_garp_lower_prio_delay '{t[1]}' invalid - ignoring", out var v))
                G.VrrpGarpLowerPrioDelay = TimeSpan.FromSeconds(v);
        });
        k.Add("vrrp_garp_lower_prio_repeat", t =>
        {
            if (_h.Unsigned(t, 1, 0, int.MaxValue, true, $"Invalid vrrp_garp_lower_prio_repeat '{t[1]}'", out var v)) G.VrrpGarpLowerPrioRepeat = v;
        });
        k.Add("vrrp_down_timer_adverts", t =>
        {
            if (_h.Unsigned(t, 1, 1, 100, true, $"Invalid vrrp_down_timer_adverts [1:100] '{t[1]}'", out var v)) G.VrrpDownTimerAdverts = v;
        });
        k.Add("vrrp_garp_interval", t => GarpInterval(t, "vrrp_garp_interval", v => G.VrrpGarpInterval = v, () => G.VrrpGarpInterval));
        k.Add("vrrp_gna_interval", t => GarpInterval(t, "vrrp_gna_interval", v => G.VrrpGnaInterval = v, () => G.VrrpGnaInterval));
        k.Add("vrrp_min_garp", t =>
        {
            if (t.Count >= 2)
            {
                var b = ValueReader.TrueFalse(t[1]);
                if (b is null) { Error("Invalid value for vrrp_min_garp specified"); return; }
                if (b == false) return;
            }
            // only the values still at their defaults change
            if (G.VrrpGarpMasterRepeat == 5) G.VrrpGarpMasterRepeat = 1;
            if (G.VrrpGarpMasterRefreshRepeat == 1) G.VrrpGarpMasterRefreshRepeat = 0;
            if (G.VrrpGarpMasterDelay == TimeSpan.FromSeconds(5)) G.VrrpGarpMasterDelay = TimeSpan.Zero;
        });
        k.Add("vrrp_garp_extra_if", GarpExtraIf);
        k.Add("vrrp_vmac_garp_intvl", GarpExtraIf);
        k.Add("vrrp_lower_prio_no_advert",
            _h.TrueFalse(v => G.VrrpLowerPrioNoAdvert = v, _ => "Invalid value for vrrp_lower_prio_no_advert specified"));
        k.Add("vrrp_higher_prio_send_advert",
            _h.TrueFalse(v => G.VrrpHigherPrioSendAdvert = v, _ => "Invalid value for vrrp_higher_prio_send_advert specified"));
        k.Add("vrrp_version", t =>
        {
            if (!context.Values.ReadInt(t[1], out var v, 2, 3, ignoreError: true)) { Error("VRRP Error: Version must be either 2 or 3"); return; }
            G.VrrpVersion = v;
        });
        // this build has nftables and no iptables: vrrp_iptables switches to nftables; vrrp_ipsets is unknown
        k.Add("vrrp_iptables", _ =>
        {
            Error("iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option");
            G.NftablesTable = "keepalived";
            G.NftablesPriority = -1;
        });
        k.Add("nftables", t => Nftables(t, false));
        k.Add("nftables_priority", t =>
        {
            if (context.Values.ReadInt(t[1], out var p, int.MinValue, int.MaxValue)) G.NftablesPriority = p;
            else context.Report(ConfigErrorKind.InvalidNumber, $"invalid nftables chain priority '{t[1]}'");
        });
        k.Add("nftables_ifindex", _h.Flag(() => G.NftablesIfindex = true));
        k.Add("nftables_ipvs", t => Nftables(t, true));
        k.Add("nftables_ipvs_priority", t =>
        {
            if (context.Values.ReadInt(t[1], out var p, int.MinValue, int.MaxValue)) G.NftablesIpvsPriority = p;
            else context.Report(ConfigErrorKind.InvalidNumber, $"invalid ipvs nftables chain priority '{t[1]}'");
        });
        k.Add("nftables_ipvs_start_fwmark", t =>
        {
            if (context.Values.ReadUnsigned(t[1], out var f, 1, uint.MaxValue)) G.NftablesIpvsStartFwmark = f;
            else context.Report(ConfigErrorKind.InvalidNumber, $"invalid ipvs nftables start_fwmark priority '{t[1]}'");
        });
        k.Add("nftables_counters", _h.Flag(() => G.NftablesCounters = true));
        k.Add("vrrp_check_unicast_src", _h.Flag(() => G.VrrpCheckUnicastSrc = true));
        k.Add("vrrp_skip_check_adv_addr", _h.Flag(() => G.VrrpSkipCheckAdvAddr = true));
        k.Add("vrrp_strict", _h.Flag(() => G.VrrpStrict = true));
        InstallScheduling(k, "vrrp", G.Vrrp);
    }

    /// <summary>PROC_priority, PROC_no_swap, PROC_rt_priority, PROC_cpu_affinity, PROC_rlimit_rttime (and the old _rlimit_rtime).</summary>
    private void InstallScheduling(KeywordTable k, string process, ProcessScheduling s)
    {
        k.Add(process + "_priority", t =>
        {
            if (t.Count < 2) { Error($"No {process} process priority specified"); s.Priority = 0; return; }
            s.Priority = context.Values.ReadInt(t[1], out var p, -20, 19, ignoreError: true) ? p : Fail($"Invalid {process} process priority specified");
        });
        k.Add(process + "_no_swap", _h.Flag(() => s.NoSwap = true));
        k.Add(process + "_rt_priority", t =>
        {
            if (t.Count < 2) { Error($"No {process} process real-time priority specified"); return; }
            if (!context.Values.ReadInt(t[1], out var p, int.MinValue, int.MaxValue, ignoreError: true))
            {
                Error($"{process} process real-time priority '{t[1]}' invalid");
                return;
            }
            if (p < 1) { Error($"{process} process real-time priority {p} less than minimum 1 - setting to minimum"); p = 1; }
            else if (p > 99) { Error($"{process} process real-time priority {p} greater than maximum 99 - setting to maximum"); p = 99; }
            s.RealtimePriority = p;
        });
        k.Add(process + "_cpu_affinity", t =>
        {
            if (t.Count < 2) { Error($"No {process} cpu_id set specified"); return; }
            s.CpuAffinity.Clear();
            for (var i = 1; i < t.Count; i++)
            {
                if (!context.Values.ReadInt(t[i], out var cpu, 0, Environment.ProcessorCount - 1, ignoreError: true))
                {
                    Error($"Invalid cpu_id:{cpu} specified for {process} process");
                    s.CpuAffinity.Clear();
                    return;
                }
                s.CpuAffinity.Add(cpu);
            }
        });
        Action<Tokens> rlimit = t =>
        {
            if (t[0].EndsWith("rlimit_rtime", StringComparison.Ordinal))
                context.Parser.Log($"Keyword '{t[0]}' is deprecated - please use '{t[0][..^5]}rttime'");
            if (!context.Values.ReadUnsigned(t[1], out var limit, 1, uint.MaxValue, ignoreError: true))
            {
                Error($"Invalid {process} real-time limit - {t[1]}");
                s.RlimitRttime = 0;
                return;
            }
            s.RlimitRttime = limit == 1 ? 2 : limit;
        };
        k.Add(process + "_rlimit_rttime", rlimit);
        k.Add(process + "_rlimit_rtime", rlimit);
    }

    private int Fail(string message)
    {
        Error(message);
        return 0;
    }

    private void InstallSnmp(KeywordTable k)
    {
        k.Add("snmp_socket", t =>
        {
            if (t.Count > 2) { Error("Too many parameters specified for snmp_socket - ignoring"); return; }
            if (t.Count < 2) { Error("SNMP error : snmp socket name missing"); return; }
            if (t[1].Length > 4095) { Error("SNMP error : snmp socket name too long - ignored"); return; }
            if (G.SnmpSocket is not null) { Error($"SNMP socket already set to {G.SnmpSocket} - ignoring"); return; }
            G.SnmpSocket = t[1];
        });
        k.Add("enable_traps", _h.Flag(() => G.EnableTraps = true));
        k.Add("enable_snmp_vrrp", _h.Flag(() => G.EnableSnmpVrrp = true));
        k.Add("enable_snmp_keepalived", _h.Flag(() => G.EnableSnmpVrrp = true));
        k.Add("enable_snmp_rfc", _h.Flag(() => G.EnableSnmpRfcV2 = G.EnableSnmpRfcV3 = true));
        k.Add("enable_snmp_rfcv2", _h.Flag(() => G.EnableSnmpRfcV2 = true));
        k.Add("enable_snmp_rfcv3", _h.Flag(() => G.EnableSnmpRfcV3 = true));
        k.Add("enable_snmp_checker", _h.Flag(() => G.EnableSnmpChecker = true));
        k.Add("enable_dbus", _h.Flag(() => G.EnableDbus = true));
        k.Add("dbus_service_name", _h.Name(v => G.DbusServiceName = v, "dbus_service_name missing - ignoring"));
    }

    private uint? AtLeastOne(Tokens t, string keyword)
    {
        if (!_h.Unsigned(t, 1, 0, uint.MaxValue, true, $"{keyword} '{t[1]}' invalid - ignoring", out var v)) return null;
        if (v != 0) return v;
        Error($"{keyword} must be greater than 0, setting to 1");
        return 1;
    }

    private void GarpInterval(Tokens t, string keyword, Action<TimeSpan> set, Func<TimeSpan> get)
    {
        if (_h.Decimal(t, 1, UintMax, $"{keyword} '{t[1]}' is invalid", out var v)) set(v);
        if (get() >= TimeSpan.FromSeconds(1)) context.Parser.Log($"The {keyword} is very large - {t[1]} seconds");
    }

    private void GarpExtraIf(Tokens t)
    {
        var name = t[0];
        if (name == "vrrp_vmac_garp_intvl")
            context.Report(ConfigErrorKind.Deprecated, "Keyword \"vrrp_vmac_garp_intvl\" is deprecated - please use \"vrrp_garp_extra_if\"");
        uint delay = 0;
        for (var i = 1; i < t.Count; i++)
        {
            if (t[i] == "all") G.VrrpGarpExtraIfAll = true;
            else if (!_h.Unsigned(t, i, 1, 86400, true, $"{name} '{t[i]}' invalid - ignoring", out delay)) return;
        }
        if (delay == 0) { Error($"{name} specified without time - ignoring"); return; }
        G.VrrpGarpExtraIfDelay = delay;
    }

    private void McastGroup(Tokens t, AddressFamily family)
    {
        var name = family == AddressFamily.InterNetwork ? "vrrp_mcast_group4" : "vrrp_mcast_group6";
        var text = t[1];
        if (!IpText.TryParse(text, out var a)) { Error($"Can't parse {name} [{text}]. Skipping"); return; }
        if (a.AddressFamily != family)
        {
            Error($"{name} [{text}] is not {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")}. Skipping");
            return;
        }
        if (family == AddressFamily.InterNetwork ? a.GetAddressBytes()[0] >> 4 != 0xE : !a.IsIPv6Multicast)
        {
            Error($"{name} [{text}] is not multicast. Skipping");
            return;
        }
        if (family == AddressFamily.InterNetworkV6 && (a.GetAddressBytes()[1] & 0x0f) != 2)
            context.Report(ConfigErrorKind.Warning, $"{name} [{text}] should be link-local multicast.");
        if (family == AddressFamily.InterNetwork) G.VrrpMcastGroup4 = a; else G.VrrpMcastGroup6 = a;
    }

    private void Nftables(Tokens t, bool ipvs)
    {
        var what = ipvs ? "ipvs nftables" : "nftables";
        if ((ipvs ? G.NftablesIpvsTable : G.NftablesTable) is not null) { Error($"{what} already specified - ignoring"); return; }
        var name = ipvs ? "keepalived_ipvs" : "keepalived";
        if (t.Count >= 2)
        {
            if (t[1].Length >= 256) { Error($"{what} table name too long - ignoring"); return; }
            name = t[1];
        }
        if (ipvs)
        {
            G.NftablesIpvsTable = name;
            G.NftablesIpvsPriority = -1;
            G.NftablesIpvsStartFwmark = 1000;
        }
        else
        {
            G.NftablesTable = name;
            G.NftablesPriority = -1;
        }
    }

    private void LvsTimeouts(Tokens t)
    {
        if (t.Count < 3) { Error("lvs_timeouts requires at least one option"); return; }
        for (var i = 1; i < t.Count; i++)
        {
            var opt = t[i];
            if (opt is not ("tcp" or "tcpfin" or "udp")) { Error($"Unknown option {opt} specified for lvs_timeouts"); continue; }
            if (i == t.Count - 1) { Error($"No value specified for lvs_timeout {opt} - ignoring"); continue; }
            if (!context.Values.ReadUnsigned(t[i + 1], out var v, 0, 86400 * 31))
                Error($"Invalid lvs_timeout {opt} ({t[i + 1]}) - ignoring");
            else if (opt == "tcp") G.LvsTimeoutTcp = v;
            else if (opt == "tcpfin") G.LvsTimeoutTcpFin = v;
            else G.LvsTimeoutUdp = v;
            i++;
        }
    }

    private void LvsSyncDaemon(Tokens t)
    {
        if (G.LvsSyncDaemon is { } existing)
        {
            Error($"lvs_sync_daemon has already been specified as {existing.Interface} {existing.VrrpInstance ?? ""} - ignoring");
            return;
        }
        if (t.Count < 2) { Error("lvs_sync_daemon requires interface"); return; }
        if (t[1].Length >= 16) { Error($"lvs_sync_daemon interface name '{t[1]}' too long - ignoring"); return; }
        var d = new LvsSyncDaemon { Interface = t[1] };
        G.LvsSyncDaemon = d;
        for (var i = 2; i < t.Count; i++)
        {
            var opt = t[i];
            if (opt == "inst")
            {
                if (d.VrrpInstance is not null) Error($"lvs_sync_daemon vrrp instance has already been specified as {d.VrrpInstance} - ignoring");
                else d.VrrpInstance = t[i + 1];
                i++;
                continue;
            }
            if (opt is "id" or "maxlen" or "port" or "ttl" or "group")
            {
                if (i == t.Count - 1)
                {
                    Error(opt == "id" ? "No value specified for lvs_sync_daemon id, defaulting to vrid" : $"No value specified for lvs_sync_daemon {opt} - ignoring");
                    continue;
                }
                SyncOption(d, opt, t[i + 1]);
                i++;
                continue;
            }
            if (i == 2) { d.VrrpInstance = opt; continue; }
            if (i == 3)
            {
                if (!context.Values.ReadUnsigned(opt, out var id, 0, 255)) Error($"Invalid syncid ({opt}) - defaulting to vrid");
                else
                {
                    Error("Please use keyword \"id\" before lvs_sync_daemon SYNCID");
                    d.SyncId = id;
                }
                continue;
            }
            Error($"Unknown option {opt} specified for lvs_sync_daemon");
        }
    }

    private void SyncOption(LvsSyncDaemon d, string opt, string value)
    {
        uint v;
        switch (opt)
        {
            case "id":
                if (!context.Values.ReadUnsigned(value, out v, 0, 255)) Error($"Invalid syncid ({value}) - defaulting to vrid");
                else d.SyncId = v;
                break;
            case "maxlen":
                if (!context.Values.ReadUnsigned(value, out v, 1, 65535 - 20 - 8)) Error($"Invalid lvs_sync_daemon maxlen ({value}) - ignoring");
                else d.MaxLen = (ushort)v;
                break;
            case "port":
                if (!context.Values.ReadUnsigned(value, out v, 1, 65535)) Error($"Invalid lvs_sync_daemon port ({value}) - ignoring");
                else d.Port = (ushort)v;
                break;
            case "ttl":
                if (!context.Values.ReadUnsigned(value, out v, 1, 255)) Error($"Invalid lvs_sync_daemon ttl ({value}) - ignoring");
                else d.Ttl = (byte)v;
                break;
            default:
                if (!IpText.TryParse(value, out var g)) { Error($"Invalid lvs_sync_daemon group ({value}) - ignoring"); break; }
                if (g.AddressFamily == AddressFamily.InterNetwork ? g.GetAddressBytes()[0] >> 4 != 0xE : !g.IsIPv6Multicast)
                    Error($"lvs_sync_daemon group address {value} is not multicast - ignoring");
                else d.Group = g;
                break;
        }
    }
}
