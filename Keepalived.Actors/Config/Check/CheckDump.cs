using System.Net.Sockets;

namespace Keepalived.Actors.Config.Check;

/// <summary>Writes the Check part in keepalived.conf syntax, defaults explicit (for <c>-d</c>).</summary>
internal static class CheckDump
{
    public static void Write(ConfWriter w, CheckConfig config)
    {
        if (config.Ssl is { } ssl)
            w.Block("SSL", () =>
            {
                Opt(w, "password", ssl.Password);
                Opt(w, "ca", ssl.CaFile);
                Opt(w, "certificate", ssl.CertificateFile);
                Opt(w, "key", ssl.KeyFile);
            });
        foreach (var group in config.VirtualServerGroups)
            w.Block($"virtual_server_group {group.Name}", () =>
            {
                foreach (var r in group.AddressRanges)
                    w.Line(Equals(r.Start.Address, r.End.Address) ? r.Start.AddressText : $"{r.Start.AddressText}-{r.End.AddressText}", r.Port);
                foreach (var f in group.Fwmarks)
                    w.Line("fwmark", f.Mark, Family(f.Family));
            });
        foreach (var vs in config.VirtualServers)
            w.Block($"virtual_server {CheckSection.Describe(vs)}", () => VirtualServer(w, vs));
    }

    private static void VirtualServer(ConfWriter w, VirtualServer vs)
    {
        if (Family(vs.Family) is { } family) w.Line("ip_family", family);
        w.Line("lvs_sched", vs.Scheduler ?? "wlc");
        foreach (var flag in new[] { ServiceFlags.OnePacket, ServiceFlags.Sched1, ServiceFlags.Sched2, ServiceFlags.Sched3 })
            if (vs.Flags.HasFlag(flag))
                w.Line(flag switch { ServiceFlags.OnePacket => "ops", ServiceFlags.Sched1 => "flag-1", ServiceFlags.Sched2 => "flag-2", _ => "flag-3" });
        if (vs.Forwarding.Method != ForwardingMethod.Unset) w.Line(["lvs_method", .. vs.Forwarding.Words()]);
        if (vs.Protocol != LvsProtocol.None) w.Line("protocol", vs.Protocol.ToString().ToUpperInvariant());
        if (vs.PersistenceTimeout != 0) w.Line("persistence_timeout", vs.PersistenceTimeout);
        Opt(w, "persistence_granularity", vs.PersistenceGranularity);
        Opt(w, "persistence_engine", vs.PersistenceEngine);
        if (vs.HaSuspend) w.Line("ha_suspend");
        w.Line("delay_loop", vs.DelayLoop.TotalSeconds);
        w.Line("connect_timeout", vs.ConnectTimeout.TotalSeconds);
        Timer(w, "warmup", vs.Warmup);
        Opt(w, "retry", vs.Retry);
        Timer(w, "delay_before_retry", vs.DelayBeforeRetry);
        if (vs.InhibitOnFailure) w.Line("inhibit_on_failure");
        w.Line("weight", vs.Weight);
        if (vs.SmtpAlert is { } alert) w.Line("smtp_alert", alert);
        Opt(w, "virtualhost", vs.VirtualHost);
        Opt(w, "snmp_name", vs.SnmpName);
        if (vs.Alpha) w.Line("alpha");
        if (vs.Omega) w.Line("omega");
        w.Line("quorum", vs.Quorum);
        w.Line("hysteresis", vs.Hysteresis);
        Opt(w, "quorum_up", vs.QuorumUp);
        Opt(w, "quorum_down", vs.QuorumDown);
        if (vs.SorryServer is { } ss)
        {
            w.Line("sorry_server", ss.Address.AddressText, ss.Address.Port);
            if (ss.InhibitOnFailure == true) w.Line("sorry_server_inhibit");
            if (ss.Forwarding.Method != ForwardingMethod.Unset) w.Line(["sorry_server_lvs_method", .. ss.Forwarding.Words()]);
        }
        foreach (var rs in vs.RealServers)
            w.Block($"real_server {rs.Address.AddressText} {rs.Address.Port}", () => RealServer(w, rs));
    }

    private static void RealServer(ConfWriter w, RealServer rs)
    {
        Opt(w, "weight", rs.Weight);
        if (rs.Forwarding.Method != ForwardingMethod.Unset) w.Line(["lvs_method", .. rs.Forwarding.Words()]);
        if (rs.UpperThreshold != 0) w.Line("uthreshold", rs.UpperThreshold);
        if (rs.LowerThreshold != 0) w.Line("lthreshold", rs.LowerThreshold);
        Opt(w, "inhibit_on_failure", rs.InhibitOnFailure);
        Opt(w, "alpha", rs.Alpha);
        Opt(w, "retry", rs.Retry);
        Timer(w, "connect_timeout", rs.ConnectTimeout);
        Timer(w, "delay_loop", rs.DelayLoop);
        Timer(w, "warmup", rs.Warmup);
        Timer(w, "delay_before_retry", rs.DelayBeforeRetry);
        Opt(w, "smtp_alert", rs.SmtpAlert);
        Opt(w, "virtualhost", rs.VirtualHost);
        Opt(w, "snmp_name", rs.SnmpName);
        Opt(w, "notify_up", rs.NotifyUp);
        Opt(w, "notify_down", rs.NotifyDown);
        foreach (var checker in rs.Checkers)
            w.Block(checker.Keyword, () => Checker(w, checker));
    }

    /// <summary>The checker's block as <c>-d</c> writes it: two checkers with the same text probe the same way.</summary>
    public static string CheckerText(Checker c)
    {
        var w = new ConfWriter();
        w.Block(c.Keyword, () => Checker(w, c));
        return w.ToString();
    }

    private static void Checker(ConfWriter w, Checker c)
    {
        if (c.Connection is { } co)
        {
            if (co.Destination.Address is not null) w.Line("connect_ip", co.Destination.AddressText);
            if (co.Destination.Port != 0) w.Line("connect_port", co.Destination.Port);
            if (co.BindTo.Address is not null) w.Line("bindto", co.BindTo.AddressText);
            if (co.BindTo.Port != 0) w.Line("bind_port", co.BindTo.Port);
            Opt(w, "bind_if", co.BindInterface);
            Timer(w, "connect_timeout", co.ConnectTimeout);
            if (co.Fwmark != 0) w.Line("fwmark", co.Fwmark);
        }
        Opt(w, "retry", c.Retry);
        Timer(w, "delay_before_retry", c.DelayBeforeRetry);
        Timer(w, "warmup", c.Warmup);
        Timer(w, "delay_loop", c.DelayLoop);
        Opt(w, "alpha", c.Alpha);
        if (c.LogAllFailures) w.Line("log_all_failures");
        switch (c)
        {
            case HttpChecker h:
                Opt(w, "virtualhost", h.VirtualHost);
                w.Line("http_protocol", h.HttpProtocol);
                if (h.EnableSni) w.Line("enable_sni");
                if (h.FastRecovery) w.Line("fast_recovery");
                foreach (var url in h.Urls) w.Block("url", () => Url(w, url));
                break;
            case MiscChecker m:
                Opt(w, "misc_path", m.Script?.ToString());
                if (m.Timeout != TimeSpan.Zero) w.Line("misc_timeout", (long)m.Timeout.TotalSeconds);
                if (m.Dynamic) w.Line("misc_dynamic");
                if (m.Script?.User is { } user) w.Line("user", user, m.Script.Group);
                break;
            case SmtpChecker s:
                Opt(w, "helo_name", s.HeloName);
                break;
            case DnsChecker d:
                w.Line("type", d.Type);
                w.Line("name", d.Name ?? "");
                break;
            case UdpChecker u:
                if (u.Payload is not null) w.Line("payload", Convert.ToHexString(u.Payload));
                if (u.RequireReply) w.Line("require_reply", u.ReplyData is null ? null : Convert.ToHexString(u.ReplyData));
                w.Line("min_reply_length", u.MinReplyLength);
                w.Line("max_reply_length", u.MaxReplyLength);
                break;
            case FileChecker f:
                Opt(w, "track_file", f.TrackFile);
                if (f.Weight is { } weight) w.Line("weight", weight, f.WeightReverse ? "reverse" : null);
                break;
            case BfdChecker b:
                Opt(w, "name", b.Name);
                break;
        }
    }

    private static void Url(ConfWriter w, HttpUrl url)
    {
        Opt(w, "path", url.Path);
        if (url.Digest is not null) w.Line("digest", Convert.ToHexString(url.Digest).ToLowerInvariant());
        w.Line(["status_code", .. Ranges(url.StatusCodes)]);
        Opt(w, "virtualhost", url.VirtualHost);
        Opt(w, "regex", url.Regex);
        if (url.RegexOptions.Count > 0) w.Line(["regex_options", .. url.RegexOptions]);
        if (url.RegexNoMatch) w.Line("regex_no_match");
        if (url.RegexMinOffset != 0) w.Line("regex_min_offset", url.RegexMinOffset);
        Opt(w, "regex_max_offset", url.RegexMaxOffset);
        if (url.RegexStack is { } stack) w.Line("regex_stack", stack.Start, stack.Max);
    }

    /// <summary>Status codes as keepalived accepts them back: runs written as FIRST-LAST.</summary>
    private static IEnumerable<object> Ranges(IEnumerable<int> codes)
    {
        int? start = null, last = null;
        foreach (var code in codes)
        {
            if (last is { } l && code == l + 1)
            {
                last = code;
                continue;
            }
            if (start is not null) yield return start == last ? $"{start}" : $"{start}-{last}";
            start = last = code;
        }
        if (start is not null) yield return start == last ? $"{start}" : $"{start}-{last}";
    }

    private static string? Family(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => "inet",
        AddressFamily.InterNetworkV6 => "inet6",
        _ => null,
    };

    private static void Opt(ConfWriter w, string keyword, object? value)
    {
        if (value is not null) w.Line(keyword, value);
    }

    private static void Timer(ConfWriter w, string keyword, TimeSpan? value)
    {
        if (value is { } v) w.Line(keyword, v.TotalSeconds);
    }
}
