using System.Net;
using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>virtual_server and the keywords of its block (check_parser.c's vs handlers).</summary>
public sealed partial class CheckSection
{
    private static readonly string[] Schedulers =
        ["rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq", "twos"];

    /// <summary>IPVS_SVC_PERSISTENT_TIMEOUT: 6 minutes.</summary>
    internal const uint DefaultPersistenceTimeout = 360;

    /// <summary>The virtual server being read (a detached one if keywords come without any, so nothing crashes).</summary>
    private VirtualServer Vs => _vs ??= new VirtualServer(Context.Here());

    private void InstallVirtualServerKeywords(KeywordTable k)
    {
        k.Add("ip_family", IpFamily);
        k.Add("retry", t => { if (Unsigned(t, 1, uint.MaxValue, false, v => $"retry value invalid - {v}", out var value)) Vs.Retry = value; });
        k.Add("delay_before_retry", t => { if (Timer(t, 0, 0, v => $"virtual server delay before retry '{v}' invalid - ignoring", out var value)) Vs.DelayBeforeRetry = value; });
        k.Add("warmup", t => { if (Timer(t, 0, 0, v => $"virtual server warmup '{v}' invalid - ignoring", out var value)) Vs.Warmup = value; });
        k.Add("connect_timeout", t => { if (Timer(t, 1, UIntMaxMicroseconds, v => $"virtual server connect_timeout {v} invalid - ignoring", out var value)) Vs.ConnectTimeout = value; });
        k.Add("delay_loop", t => { if (Timer(t, 1, 0, v => $"virtual server delay loop '{v}' invalid - ignoring", out var value)) Vs.DelayLoop = value; });
        k.Add("inhibit_on_failure", _ => Vs.InhibitOnFailure = true);
        k.Add("lb_algo", Scheduler);
        k.Add("lvs_sched", Scheduler);
        foreach (var flag in new[] { "hashed", "ops", "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback" })
            k.Add(flag, SchedulerFlag);
        k.Add("lb_kind", t => Vs.Forwarding = ReadForwarding(t, Vs.Forwarding, "virtual"));
        k.Add("lvs_method", t => Vs.Forwarding = ReadForwarding(t, Vs.Forwarding, "virtual"));
        k.Add("persistence_engine", PersistenceEngine);
        k.Add("persistence_timeout", PersistenceTimeout);
        k.Add("persistence_granularity", PersistenceGranularity);
        k.Add("protocol", Protocol);
        k.Add("ha_suspend", _ => Vs.HaSuspend = true);
        k.Add("smtp_alert", t => { if (Flag(t, v => $"Invalid virtual_server smtp_alert parameter {v}", out var value)) Vs.SmtpAlert = value; });
        k.Add("virtualhost", t => Text(t, "virtual server virtualhost missing", v => Vs.VirtualHost = v));
        k.Add("snmp_name", t => SnmpName(t, "virtual server", v => Vs.SnmpName = v));
        k.Add("alpha", _ => Vs.Alpha = true);
        k.Add("omega", _ => Vs.Omega = true);
        k.Add("quorum_up", t => QuorumScript(t, "quorum_up", Vs.QuorumUp, s => Vs.QuorumUp = s));
        k.Add("quorum_down", t => QuorumScript(t, "quorum_down", Vs.QuorumDown, s => Vs.QuorumDown = s));
        k.Add("quorum", Quorum);
        k.Add("hysteresis", t => { if (Unsigned(t, 0, uint.MaxValue, true, v => $"Hysteresis {v} must be in [0, {uint.MaxValue}] - ignoring", out var value)) Vs.Hysteresis = value; });
        k.Add("weight", t => { if (Unsigned(t, 1, WeightLimit, true, v => $"Virtual server weight {v} is outside range 1-{WeightLimit}", out var value)) Vs.Weight = value; });
        k.Add("sorry_server", SorryServer);
        k.Add("sorry_server_inhibit", _ =>
        {
            if (Vs.SorryServer is { } ss) ss.InhibitOnFailure = true;
            else Context.Report(ConfigErrorKind.GeneralError, "Ignoring sorry_server inhibit used before or without sorry_server");
        });
        k.Add("sorry_server_lvs_method", t =>
        {
            if (Vs.SorryServer is { } ss) ss.Forwarding = ReadForwarding(t, ss.Forwarding, "sorry");
            else Context.Report(ConfigErrorKind.GeneralError, "sorry_server forwarding used without sorry_server");
        });
    }

    /// <summary>alloc_vs: <c>ADDR [PORT]</c>, <c>fwmark N</c> or <c>group NAME</c>; an unusable one skips its block.</summary>
    private void VirtualServerOpen(Tokens t)
    {
        var vs = new VirtualServer(Context.Here());
        if (t.IsWord(1, "group"))
            vs.GroupName = t[2];
        else if (t.IsWord(1, "fwmark"))
        {
            if (!Values.ReadUnsigned(t[2], out var mark, 0, uint.MaxValue, ignoreError: true))
            {
                Context.Report(ConfigErrorKind.GeneralError, $"virtual server fwmark '{t[2]}' must be in [0, {uint.MaxValue}] - ignoring");
                Parser.SkipBlock(true);
                return;
            }
            vs.Fwmark = mark;
        }
        else
        {
            var hasPort = t.Count > 2 && InetAddress.IsNonZeroPort(t.Span(2));
            if (!InetAddress.TryParse(t.Span(1), hasPort ? t.Span(2) : default, hasPort, Values, out var address))
            {
                var port = hasPort ? t[2] : null;
                var portText = port is null ? "" : "/" + port;
                Context.Report(ConfigErrorKind.GeneralError,
                    $"Invalid virtual server IP address{(port is null ? "" : "/port")} {t[1]}{portText} - skipping");
                Parser.SkipBlock(true);
                return;
            }
            vs.Address = address;
            vs.Family = address.Family;
        }
        Config.VirtualServers.Add(vs);
        _vs = vs;
        _rs = null;
    }

    /// <summary>vs_end_handler: settles the address family from the sorry and real servers.</summary>
    private void VirtualServerClose()
    {
        var vs = Vs;
        if (vs.SorryServer is { } ss && ss.Forwarding.Method != ForwardingMethod.Tunnel)
        {
            if (vs.Family == AddressFamily.Unspecified) vs.Family = ss.Address.Family;
            else if (vs.Family != ss.Address.Family)
            {
                Context.Report(ConfigErrorKind.GeneralError,
                    $"Address family of virtual server and sorry server {ss.Address.AddressText} don't match - skipping sorry server.");
                vs.SorryServer = null;
            }
        }
        if (vs.Family != AddressFamily.Unspecified || vs.GroupName is not null) return;
        // Only fwmark services whose servers are all tunnelled get here: take the family of
        // the servers if they agree, else IPv4.
        var families = vs.RealServers.Select(r => r.Address.Family).Prepend(vs.SorryServer?.Address.Family ?? AddressFamily.Unspecified)
            .Where(f => f != AddressFamily.Unspecified).Distinct().ToList();
        vs.Family = families.Count == 1 ? families[0] : AddressFamily.InterNetwork;
    }

    private void IpFamily(Tokens t)
    {
        var family = t[1] switch
        {
            "inet" => AddressFamily.InterNetwork,
            "inet6" => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        if (family == AddressFamily.Unspecified)
            Context.Report(ConfigErrorKind.GeneralError, $"unknown address family {t[1]}");
        else if (Vs.Family != AddressFamily.Unspecified && Vs.Family != family)
            Context.Report(ConfigErrorKind.GeneralError, $"Virtual server specified family {t[1]} conflicts with server family");
        else
            Vs.Family = family;
    }

    private void Scheduler(Tokens t)
    {
        if (!Schedulers.Contains(t[1]))
        {
            Context.Report(ConfigErrorKind.GeneralError, $"Invalid lvs_scheduler '{t[1]}' - ignoring");
            return;
        }
        Vs.Scheduler = t[1];
    }

    /// <summary>lbflags_handler: ops and flag-N always; sh-/mh- flags only with their scheduler.</summary>
    private void SchedulerFlag(Tokens t)
    {
        var word = t[0];
        ServiceFlags? flag = word switch
        {
            "ops" => ServiceFlags.OnePacket,
            "flag-1" => ServiceFlags.Sched1,
            "flag-2" => ServiceFlags.Sched2,
            "flag-3" => ServiceFlags.Sched3,
            _ => null,
        };
        if (flag is null && Vs.Scheduler is "sh" or "mh")
        {
            // A flag of the other scheduler (or "hashed") is silently ignored here.
            flag = word == Vs.Scheduler + "-port" ? ServiceFlags.Port
                : word == Vs.Scheduler + "-fallback" ? ServiceFlags.Fallback
                : ServiceFlags.None;
        }
        if (flag is null)
            Context.Report(ConfigErrorKind.GeneralError, $"{word} only applies to sh scheduler - ignoring");
        else
            Vs.Flags |= flag.Value;
    }

    private void PersistenceEngine(Tokens t)
    {
        var name = t[1];
        if (name.Length > 16)
        {
            Context.Report(ConfigErrorKind.GeneralError, $"persistence_name too long, truncating - {name}");
            name = name[..16];
        }
        Vs.PersistenceEngine = name;
    }

    private void PersistenceTimeout(Tokens t)
    {
        if (t.Count < 2)
        {
            Vs.PersistenceTimeout = DefaultPersistenceTimeout;
            return;
        }
        // LVS_MAX_TIMEOUT: 31 days.
        if (Values.ReadUnsigned(t[1], out var timeout, 1, 86400 * 31))
            Vs.PersistenceTimeout = timeout;
        else
            Context.Report(ConfigErrorKind.GeneralError, "persistence_timeout invalid");
    }

    /// <summary>pgr_handler: a prefix length for IPv6, a netmask for IPv4 (the family guessed from a '.').</summary>
    private void PersistenceGranularity(Tokens t)
    {
        var family = Vs.Family;
        if (family == AddressFamily.Unspecified)
            family = t[1].Contains('.') ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        if (family == AddressFamily.InterNetworkV6)
        {
            if (!Values.ReadUnsigned(t[1], out var prefix, 1, 128))
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Invalid IPv6 persistence_granularity specified - {t[1]}");
                return;
            }
            Vs.PersistenceGranularity = prefix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            // getaddrinfo(AI_NUMERICHOST) accepts inet_aton's short forms, as IPAddress does.
            if (!IPAddress.TryParse(t[1], out var mask) || mask.AddressFamily != AddressFamily.InterNetwork)
            {
                Context.Report(ConfigErrorKind.GeneralError, $"Invalid IPv4 persistence_granularity specified - {t[1]}");
                return;
            }
            Vs.PersistenceGranularity = mask.ToString();
        }
        if (Vs.Family == AddressFamily.Unspecified) Vs.Family = family;
        if (Vs.PersistenceTimeout == 0) Vs.PersistenceTimeout = DefaultPersistenceTimeout;
    }

    private void Protocol(Tokens t)
    {
        var protocol = t[1].ToUpperInvariant() switch
        {
            "TCP" => LvsProtocol.Tcp,
            "SCTP" => LvsProtocol.Sctp,
            "UDP" => LvsProtocol.Udp,
            _ => LvsProtocol.None,
        };
        if (protocol == LvsProtocol.None)
            Context.Report(ConfigErrorKind.GeneralError, $"Unknown protocol {t[1]} - ignoring");
        else
            Vs.Protocol = protocol;
    }

    private void Quorum(Tokens t)
    {
        if (!Values.ReadUnsigned(t[1], out var quorum, 1, uint.MaxValue, ignoreError: true))
        {
            Context.Report(ConfigErrorKind.GeneralError, $"Quorum {t[1]} must be in [1, {uint.MaxValue}]. Setting to 1.");
            quorum = 1;
        }
        Vs.Quorum = quorum;
    }

    private void QuorumScript(Tokens t, string keyword, Model.NotifyScript? current, Action<Model.NotifyScript?> set) =>
        ScriptKeyword(t, keyword, "quorum", current, set, $"{keyword} {Describe(Vs)}");

    /// <summary>alloc_ssvr: replaces any earlier sorry server.</summary>
    private void SorryServer(Tokens t)
    {
        var port = InetAddress.NonZeroPort(t.Optional(2));
        if (!InetAddress.TryParse(t[1], port, Values, out var address))
        {
            Context.Report(ConfigErrorKind.GeneralError, $"Invalid sorry server IP address {t[1]} - skipping");
            return;
        }
        Vs.SorryServer = new RealServer(address, Context.Here()) { Weight = 1, Forwarding = Vs.Forwarding };
    }

    /// <summary>A keyword whose value is its first word; a message when it is missing.</summary>
    private void Text(Tokens t, string missing, Action<string> set)
    {
        if (t.Count < 2) Context.Report(ConfigErrorKind.GeneralError, missing);
        else set(t[1]);
    }

    private void SnmpName(Tokens t, string what, Action<string> set)
    {
        if (t.Count != 2) Context.Report(ConfigErrorKind.GeneralError, $"{what} snmp_name missing or extra parameters");
        else set(t[1]);
    }
}
