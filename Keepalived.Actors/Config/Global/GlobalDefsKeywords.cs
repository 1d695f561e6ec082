using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Model;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Global;

/// <summary>The keywords inside global_defs (keepalived's init_global_keywords), in its order.</summary>
internal sealed partial class GlobalDefsKeywords(SectionContext context)
{
    private readonly GlobalKeywordHelpers _h = new(context);
    private GlobalConfig G => context.Config.Global;
    private void Error(string m) => _h.Error(m);

    public void Install(KeywordTable k)
    {
        k.Add("process_names", _ =>
        {
            G.VrrpProcessName = "keepalived_vrrp";
            G.CheckerProcessName = "keepalived_lvs";
            G.BfdProcessName = "keepalived_bfd";
        });
        k.Add("process_name", _h.ProcessName(v => G.ProcessName = v));
        k.Add("vrrp_process_name", _h.ProcessName(v => G.VrrpProcessName = v));
        k.Add("checker_process_name", _h.ProcessName(v => G.CheckerProcessName = v));
        k.Add("lvs_process_name", t =>
        {
            context.Parser.Log("'lvs_process_name' is deprecated - please use 'checker_process_name'");
            _h.ProcessName(v => G.CheckerProcessName = v)(t);
        });
        k.Add("bfd_process_name", _h.ProcessName(v => G.BfdProcessName = v));
        k.Add("router_id", _h.Name(v => G.RouterId = v, "routerid name missing - ignoring"));
        k.Add("notification_email_from", _h.Name(v => G.NotificationEmailFrom = v, "emailfrom missing - ignoring"));
        k.Add("smtp_server", SmtpServer);
        k.Add("smtp_helo_name", _h.Name(v => G.SmtpHeloName = v, null));
        k.Add("smtp_connect_timeout", SmtpConnectTimeout);
        k.Add("notification_email", t =>
        {
            var words = context.Parser.ReadValueBlockWords(t);
            if (words.Count == 0) Error("Warning - empty notification_email block");
            G.NotificationEmail.AddRange(words);
        });
        k.Add("smtp_alert", _h.GlobalTrueFalse("smtp_alert", v => G.SmtpAlert = v));
        k.Add("startup_script", t => StartupShutdownScript(t, true));
        k.Add("startup_script_timeout", t => ScriptTimeout(t, true));
        k.Add("shutdown_script", t => StartupShutdownScript(t, false));
        k.Add("shutdown_script_timeout", t => ScriptTimeout(t, false));
        k.Add("max_auto_priority", MaxAutoPriority);
        k.Add("min_auto_priority_delay", t =>
        {
            if (t.Count < 2) { Error("min_auto_priority_delay requires delay time"); return; }
            if (!context.Values.ReadInt(t[1], out var d, 1, 10000000, ignoreError: true))
                Error($"min_auto_priority_delay '{t[1]}' must be in [1, 10000000] - ignoring");
            else G.MinAutoPriorityDelay = TimeSpan.FromTicks(d * 10L);
        });
        k.Add("smtp_alert_vrrp", _h.GlobalTrueFalse("smtp_alert_vrrp", v => G.SmtpAlertVrrp = v));
        k.Add("smtp_alert_checker", _h.GlobalTrueFalse("smtp_alert_checker", v => G.SmtpAlertChecker = v));
        k.Add("checker_log_all_failures", _h.TrueFalse(v => G.CheckerLogAllFailures = v, _ => "Invalid value for checker_log_all_failures specified"));
        k.Add("dynamic_interfaces", t =>
        {
            G.DynamicInterfaces = true;
            if (t.Count < 2) return;
            if (t[1] == "allow_if_changes") G.AllowIfChanges = true;
            else Error($"Unknown dynamic_interfaces option '{t[1]}'");
        });
        k.Add("no_email_faults", _h.Flag(() => G.NoEmailFaults = true));
        k.Add("default_interface", _h.Name(v => G.DefaultInterface = v, "default_interface requires interface name"));
        k.Add("disable_local_igmp", _ =>
        {
            const string file = "/proc/sys/net/ipv4/igmp_link_local_mcast_reports";
            if (!File.Exists(file)) Error($"kernel does not support {file}");
            else G.DisableLocalIgmp = true;
        });
        InstallLvs(k);
        InstallVrrp(k);
        k.Add("notify_fifo", t => Fifo(t, G.NotifyFifo));
        k.Add("notify_fifo_script", t => FifoScript(t, G.NotifyFifo));
        k.Add("vrrp_notify_fifo", t => Fifo(t, G.VrrpNotifyFifo));
        k.Add("vrrp_notify_fifo_script", t => FifoScript(t, G.VrrpNotifyFifo));
        k.Add("vrrp_notify_priority_changes", _h.GlobalTrueFalse("vrrp_notify_priority_changes", v => G.VrrpNotifyPriorityChanges = v));
        k.Add("fifo_write_vrrp_states_on_reload", _h.Flag(() => G.FifoWriteVrrpStatesOnReload = true));
        k.Add("lvs_notify_fifo", t => Fifo(t, G.LvsNotifyFifo));
        k.Add("lvs_notify_fifo_script", t => FifoScript(t, G.LvsNotifyFifo));
        InstallScheduling(k, "checker", G.Checker);
        InstallScheduling(k, "bfd", G.Bfd);
        InstallSnmp(k);
        k.Add("script_user", t =>
        {
            if (t.Count < 2) { Error("No script username specified"); return; }
            G.ScriptUser = t[1];
            G.ScriptGroup = t.Optional(2);
            var host = ScriptSecurity.For(context).Host;
            var ok = host.LookupUser(t[1]) is not null && (G.ScriptGroup is null || host.LookupGroup(G.ScriptGroup) is not null);
            G.ScriptUserFailed = !ok;
            if (!ok) Error("Error setting global script uid/gid");
        });
        k.Add("enable_script_security", _h.Flag(() => G.EnableScriptSecurity = true));
        foreach (var nl in new[] { "vrrp_netlink_cmd", "vrrp_netlink_monitor", "process_monitor", "lvs_netlink_cmd", "lvs_netlink_monitor" })
        {
            var name = nl + "_rcv_bufs";
            k.Add(name, _h.NetlinkBufs(name));
            k.Add(name + "_force", _h.GlobalTrueFalse(name + "_force", v => G.NetlinkBufsForce[name] = v));
        }
        k.Add("rs_init_notifies", _h.GlobalTrueFalse("rs_init_notifies", v => G.RsInitNotifies = v));
        k.Add("no_checker_emails", _h.GlobalTrueFalse("no_checker_emails", v => G.NoCheckerEmails = v));
        k.Add("vrrp_rx_bufs_policy", RxBufsPolicy);
        k.Add("vrrp_rx_bufs_multiplier", t =>
        {
            if (t.Count != 2) { Error("Invalid vrrp_rx_bufs_multiplier"); return; }
            if (context.Values.ReadUnsigned(t[1], out var m, 1, uint.MaxValue)) G.VrrpRxBufsMultiplier = m;
            else Error($"Invalid vrrp_rx_bufs_multiplier {t[1]}");
        });
        k.Add("vrrp_startup_delay", t =>
        {
            if (_h.Decimal(t, 1000, uint.MaxValue, $"vrrp_startup_delay '{t[1]}' is invalid", out var d)) G.VrrpStartupDelay = d;
            if (G.VrrpStartupDelay >= TimeSpan.FromSeconds(60)) context.Parser.Log($"The vrrp_startup_delay is very large - {t[1]} seconds");
        });
        k.Add("log_unknown_vrids", _h.Flag(() => G.LogUnknownVrids = true));
        k.Add("vmac_prefix", t =>
        {
            if (G.VmacPrefix is not null) Error($"vmac prefix has already been specified - ignoring {t[1]}");
            else G.VmacPrefix = t[1];
        });
        k.Add("vmac_addr_prefix", t =>
        {
            if (G.VmacAddrPrefix is not null) Error($"vmac_addr prefix has already been specified - ignoring {t[1]}");
            else G.VmacAddrPrefix = t[1];
        });
        k.Add("umask", Umask);
        k.Add("random_seed", t =>
        {
            if (context.Values.ReadUnsigned(t[1], out var seed, 0, uint.MaxValue)) G.RandomSeed = seed;
            else Error($"random_seed {t[1]} invalid");
        });
        k.Add("reload_check_config", t => G.ReloadCheckConfig = t.Count >= 2 ? t[1] : "/dev/null");
        k.Add("reload_time_file", t =>
        {
            if (t.Count != 2) { Error("reload_time_file invalid"); return; }
            G.ReloadTimeFile = t[1];
        });
        k.Add("reload_repeat", _h.Flag(() => G.ReloadRepeat = true));
        k.Add("reload_file", t => G.ReloadFile = t.Count >= 2 ? t[1] : "/run/keepalived.reload");
        k.Add("include_check", IncludeCheck);
        k.Add("config_save_dir", t =>
        {
            var dir = t[1];
            if (Directory.Exists(dir)) G.ConfigSaveDir = dir.Length > 1 ? dir.TrimEnd('/') : dir;
            else if (File.Exists(dir)) Error($"config_save_dir {dir} is not a directory");
            else Error($"Unable to find config_save_dir {dir}");
        });
        k.Add("tmp_config_directory", t =>
        {
            if (G.TmpConfigDirectory is not null) { Error($"{t[0]} already specified - ignoring"); return; }
            if (t.Count >= 2) G.TmpConfigDirectory = t[1];
            else Error($"{t[0]} missing directory name");
        });
        k.Add("data_use_instance", _h.GlobalTrueFalse("date_use_instance", v => G.DataUseInstance = v));
    }

    private void SmtpServer(Tokens t)
    {
        var port = t.Count >= 3 ? t[2] : "25";
        var host = t[1];
        var valid = ushort.TryParse(port, out var p) && p > 0;
        if (valid && !(host.Contains('-') || host.Contains('/')) && IpText.TryParse(host, out _)) { }
        else if (valid)
        {
            // keepalived resolves names (domain_stosockaddr); an unresolvable one is invalid
            valid = context.Host.HostNameResolves(host);
        }
        if (!valid) { Error($"Invalid smtp server {host} {port}"); return; }
        G.SmtpServer = host;
        G.SmtpPort = p;
    }

    private void SmtpConnectTimeout(Tokens t)
    {
        const uint max = uint.MaxValue / 1000000;
        if (!_h.Unsigned(t, 1, 0, max, true, $"smtp_connect_timeout '{t.Optional(1)}' must be in [0, {max}] - ignoring", out var timeout)) return;
        if (timeout == 0)
        {
            Error("smtp_conect_timeout must be greater than 0, setting to 1");
            timeout = 1;
        }
        G.SmtpConnectTimeout = TimeSpan.FromSeconds(timeout);
    }

    private void StartupShutdownScript(Tokens t, bool startup)
    {
        var type = startup ? "startup" : "shutdown";
        if ((startup ? G.StartupScript : G.ShutdownScript) is not null) { Error($"{type} script already specified"); return; }
        if (t.Count < 2) { Error($"{type} script missing"); return; }
        var script = NewScript(t, type);
        if (startup)
        {
            G.StartupScript = script;
            if (G.StartupScriptTimeout == 0) G.StartupScriptTimeout = 10;
        }
        else
        {
            G.ShutdownScript = script;
            if (G.ShutdownScriptTimeout == 0) G.ShutdownScriptTimeout = 10;
        }
    }

    /// <summary>notify_script_init: the command (one word, itself split on blanks) and an optional user and group.</summary>
    private NotifyScript NewScript(Tokens t, string usage)
    {
        var args = t[1].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return new NotifyScript(args, usage, context.Here()) { User = t.Optional(2), Group = t.Optional(3) };
    }

    private void ScriptTimeout(Tokens t, bool startup)
    {
        var type = startup ? "startup" : "shutdown";
        if (t.Count < 2) { Error($"{type}_script_timeout requires value"); return; }
        if (!_h.Unsigned(t, 1, 1, 1000, true, $"{type}_script_timeout '{t[1]}' must be in [1, 1000] - ignoring", out var d)) return;
        if (startup) G.StartupScriptTimeout = (int)d; else G.ShutdownScriptTimeout = (int)d;
    }

    private void MaxAutoPriority(Tokens t)
    {
        const int max = 99; // sched_get_priority_max(SCHED_RR) on Linux
        if (t.Count < 2) { G.MaxAutoPriority = max; return; }
        if (!context.Values.ReadInt(t[1], out var p, -1, max, ignoreError: true))
        {
            Error($"max_auto_priority '{t[1]}' must be in [0, {max}] (or -1 to disable) - ignoring");
            return;
        }
        G.MaxAutoPriority = p;
    }

    private void Fifo(Tokens t, NotifyFifo fifo)
    {
        if (t.Count < 2) { Error($"No {fifo.Prefix}notify_fifo name specified"); return; }
        if (fifo.Name is not null) { Error($"{fifo.Prefix}notify_fifo already specified - ignoring {t[1]}"); return; }
        if (t.Count > 2)
        {
            var host = ScriptSecurity.For(context).Host;
            if (host.LookupUser(t[2]) is null || (t.Count > 3 && host.LookupGroup(t[3]) is null))
            {
                context.Parser.Log($"Invalid user/group for {fifo.Prefix} fifo {fifo.Name} - ignoring");
                return;
            }
            fifo.User = t[2];
            fifo.Group = t.Optional(3);
        }
        fifo.Name = t[1];
    }

    private void FifoScript(Tokens t, NotifyFifo fifo)
    {
        if (t.Count < 2) { Error($"No {fifo.Prefix}notify_fifo_script specified"); return; }
        if (fifo.Script is not null) { Error($"{fifo.Prefix}notify_fifo_script already specified - ignoring {t[1]}"); return; }
        fifo.Script = NewScript(t, fifo.Prefix + "notify_fifo");
    }

    private void RxBufsPolicy(Tokens t)
    {
        if (t.Count < 2) { Error("vrrp_rx_bufs_policy missing"); return; }
        bool mtu = false, advert = false, size = false;
        for (var i = 1; i < t.Count; i++)
        {
            if (string.Equals(t[i], "MTU", StringComparison.OrdinalIgnoreCase)) mtu = true;
            else if (string.Equals(t[i], "ADVERT", StringComparison.OrdinalIgnoreCase)) advert = true;
            // keepalived reads the first word as the size, whichever word was not a policy
            else if (context.Values.ReadUnsigned(t[1], out var s, 0, uint.MaxValue)) { size = true; G.VrrpRxBufsPolicy = s.ToString(System.Globalization.CultureInfo.InvariantCulture); }
            else Error($"Invalid vrrp_rx_bufs_policy {t[i]}");
        }
        if (size && (mtu || advert)) Error("Cannot set vrrp_rx_bufs_policy size and policy, ignoring policy");
        else if (mtu && advert) { Error("Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring ADVERT"); G.VrrpRxBufsPolicy = "MTU"; }
        else if (mtu || advert) G.VrrpRxBufsPolicy = mtu ? "MTU" : "ADVERT";
    }

    private void Umask(Tokens t)
    {
        var mask = t[1];
        var bits = 0;
        if (char.IsAsciiDigit(mask[0]))
        {
            if (t.Count != 2) { Error($"{(t.Count == 1 ? "Missing" : "Extra")} parameter(s) to umask option"); return; }
            if (!RtTables.ParseC(mask, out var v) || (v & ~0x1FFUL) != 0) { Error($"invalid umask value {mask}"); return; }
            bits = (int)v;
        }
        else
        {
            string[] names = ["IXOTH", "IWOTH", "IROTH", "IXGRP", "IWGRP", "IRGRP", "IXUSR", "IWUSR", "IRUSR"];
            var needOr = false;
            for (var i = 1; i < t.Count; i++)
            {
                var p = t[i];
                while (p.Length > 0)
                {
                    if (needOr)
                    {
                        if (p[0] != '|') { Error($"Invalid umask syntax {t[i]}"); return; }
                        needOr = false;
                        p = p[1..];
                        continue;
                    }
                    var idx = Array.FindIndex(names, n => p.StartsWith(n, StringComparison.Ordinal));
                    if (idx < 0) { Error($"Unknown umask bit {p}"); return; }
                    bits |= 1 << idx;
                    p = p[5..];
                    needOr = true;
                }
            }
            if (!needOr) { Error("umask missing bit value"); return; }
        }
        G.Umask = bits;
    }

    private void IncludeCheck(Tokens t)
    {
        if (t.Count < 2)
        {
            context.Parser.IncludeCheck = IncludeType.Readable | IncludeType.Missing | IncludeType.Wildcard | IncludeType.Brace;
            return;
        }
        for (var i = 1; i < t.Count; i++)
        {
            var word = t[i];
            var op = word[0] is '-' or '+' ? word[0] : ' ';
            if (op == ' ')
            {
                if (i == 1) context.Parser.IncludeCheck = IncludeType.None;
                else { Error($"Duplicate include_check '{word}' specified - ignoring"); continue; }
            }
            var name = op == ' ' ? word : word[1..];
            var flag = name switch
            {
                "read" => IncludeType.Readable,
                "match" => IncludeType.Missing,
                "wildcard_match" => IncludeType.Wildcard,
                "brace_match" => IncludeType.Brace,
                _ => IncludeType.None,
            };
            if (flag == IncludeType.None) { Error($"Unknown include_check type '{name}' - ignoring"); continue; }
            context.Parser.IncludeCheck = op switch
            {
                ' ' => IncludeType.Readable | flag,
                '+' => context.Parser.IncludeCheck | flag,
                _ => context.Parser.IncludeCheck & ~flag,
            };
        }
    }
}
