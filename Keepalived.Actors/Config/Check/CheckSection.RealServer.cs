using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>real_server and the keywords of its block (check_parser.c's rs handlers).</summary>
public sealed partial class CheckSection
{
    /// <summary>The real server being read (a detached one if keywords come without any).</summary>
    private RealServer Rs => _rs ??= new RealServer(InetAddress.None, Context.Here());

    private void InstallRealServerKeywords(KeywordTable k)
    {
        k.Add("weight", t => { if (Unsigned(t, 0, WeightLimit, true, v => $"Real server weight {v} is outside range 0-{WeightLimit}", out var value)) Rs.Weight = value; });
        k.Add("lvs_method", t => Rs.Forwarding = ReadForwarding(t, Rs.Forwarding, "real"));
        k.Add("uthreshold", t => { if (Unsigned(t, 0, uint.MaxValue, true, v => $"Invalid real_server uthreshold '{v}' - ignoring", out var value)) Rs.UpperThreshold = value; });
        k.Add("lthreshold", t => { if (Unsigned(t, 0, uint.MaxValue, true, v => $"Invalid real_server lthreshold '{v}' - ignoring", out var value)) Rs.LowerThreshold = value; });
        k.Add("inhibit_on_failure", t => { if (Flag(t, v => $"Invalid inhibit_on_failure parameter {v}", out var value)) Rs.InhibitOnFailure = value; });
        k.Add("notify_up", t => NotifyScript(t, "notify_up", Rs.NotifyUp, s => Rs.NotifyUp = s));
        k.Add("notify_down", t => NotifyScript(t, "notify_down", Rs.NotifyDown, s => Rs.NotifyDown = s));
        k.Add("alpha", t => { if (Flag(t, v => $"Invalid alpha parameter {v}", out var value)) Rs.Alpha = value; });
        k.Add("retry", t => { if (Unsigned(t, 1, uint.MaxValue, false, v => $"retry value invalid - {v}", out var value)) Rs.Retry = value; });
        k.Add("delay_before_retry", t => { if (Timer(t, 0, 0, v => $"real server delay_before_retry '{v}' invalid - ignoring", out var value)) Rs.DelayBeforeRetry = value; });
        k.Add("warmup", t => { if (Timer(t, 0, 0, v => $"real server warmup '{v}' invalid - ignoring", out var value)) Rs.Warmup = value; });
        k.Add("connect_timeout", t => { if (Timer(t, 1, UIntMaxMicroseconds, v => $"real server connect_timeout {v} invalid - ignoring", out var value)) Rs.ConnectTimeout = value; });
        k.Add("delay_loop", t => { if (Timer(t, 1, 0, v => $"real server delay_loop '{v}' invalid - ignoring", out var value)) Rs.DelayLoop = value; });
        k.Add("smtp_alert", t => { if (Flag(t, v => $"Invalid real_server smtp_alert parameter {v}", out var value)) Rs.SmtpAlert = value; });
        k.Add("virtualhost", t => Text(t, "real server virtualhost missing", v => Rs.VirtualHost = v));
        k.Add("snmp_name", t => SnmpName(t, "real server", v => Rs.SnmpName = v));
    }

    /// <summary>alloc_rs: an unusable address or port skips the block.</summary>
    private void RealServerOpen(Tokens t)
    {
        var hasPort = t.Count > 2 && InetAddress.IsNonZeroPort(t.Span(2));
        if (!InetAddress.TryParse(t.Span(1), hasPort ? t.Span(2) : default, hasPort, Values, out var address))
        {
            Context.Report(ConfigErrorKind.GeneralError, $"Invalid real server ip address/port {t[1]}/{t.Optional(2) ?? "(null)"} - skipping");
            Parser.SkipBlock(true);
            return;
        }
        var rs = new RealServer(address, Context.Here()) { Forwarding = Vs.Forwarding };
        Vs.RealServers.Add(rs);
        _rs = rs;
    }

    /// <summary>rs_end_handler: a non-tunnelled real server must match the virtual server's family.</summary>
    private void RealServerClose()
    {
        // The real server just read is its virtual server's last one, unless it was dropped (no search: blocks may hold thousands).
        if (_vs is null || _rs is null || _vs.RealServers.Count == 0 || !ReferenceEquals(_vs.RealServers[^1], _rs)) return;
        var vs = _vs;
        var rs = _rs;
        if (rs.Forwarding.Method == ForwardingMethod.Tunnel) return;
        if (vs.Family == AddressFamily.Unspecified) vs.Family = rs.Address.Family;
        else if (vs.Family != rs.Address.Family)
        {
            Context.Report(ConfigErrorKind.GeneralError,
                $"Address family of virtual server and real server {rs.Address.AddressText} don't match - skipping real server.");
            vs.RealServers.Remove(rs);
            _rs = null;
        }
    }

    private void NotifyScript(Tokens t, string keyword, Model.NotifyScript? current, Action<Model.NotifyScript?> set) =>
        ScriptKeyword(t, keyword, "notify", current, set, $"{keyword} {Describe(Vs)} {Rs.Address}");

    /// <summary>notify_up / notify_down / quorum_up / quorum_down: only the first one counts.</summary>
    private void ScriptKeyword(Tokens t, string keyword, string type, Model.NotifyScript? current, Action<Model.NotifyScript?> set, string usage)
    {
        if (current is not null)
        {
            // keepalived names the virtual server by its group name here, "(null)" for others.
            Context.Report(ConfigErrorKind.GeneralError, $"({Vs.GroupName ?? "(null)"}) {keyword} script already specified - ignoring {t[1]}");
            return;
        }
        set(ReadScript(t, type, usage));
    }

    /// <summary>
    /// svr_forwarding_handler: <c>NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]</c>.
    /// The method is kept even when the tunnel options are then refused, as keepalived does.
    /// </summary>
    private Forwarding ReadForwarding(Tokens t, Forwarding current, string server)
    {
        var method = t[1] switch
        {
            "NAT" => ForwardingMethod.Nat,
            "DR" => ForwardingMethod.DirectRoute,
            "TUN" => ForwardingMethod.Tunnel,
            _ => ForwardingMethod.Unset,
        };
        if (method == ForwardingMethod.Unset)
        {
            Context.Report(ConfigErrorKind.GeneralError, $"PARSER : unknown [{t[1]}] routing method for {server} server.");
            return current;
        }
        var refused = current with { Method = method };
        var type = TunnelType.Ipip;
        uint port = 0;
        var csum = TunnelChecksum.NoChecksum;
        for (var i = 2; i < t.Count; i++)
        {
            switch (t[i])
            {
                case "type":
                    if (i + 1 == t.Count) return Refuse($"Missing tunnel type for {server} server.");
                    TunnelType? parsed = t[i + 1] switch { "ipip" => TunnelType.Ipip, "gue" => TunnelType.Gue, "gre" => TunnelType.Gre, _ => null };
                    if (parsed is null) return Refuse($"Unknown tunnel type {t[i + 1]} for {server} server.");
                    type = parsed.Value;
                    i++;
                    break;
                case "port":
                    if (i + 1 == t.Count) return Refuse($"Missing port for {server} server gue tunnel.");
                    if (!Values.ReadUnsigned(t[i + 1], out port, 1, 65535))
                        return Refuse($"Invalid gue tunnel port {t[i + 1]} for {server} server.");
                    i++;
                    break;
                case "nocsum": csum = TunnelChecksum.NoChecksum; break;
                case "csum": csum = TunnelChecksum.Checksum; break;
                case "remcsum": csum = TunnelChecksum.RemoteChecksum; break;
                default: return Refuse($"Invalid tunnel option {t[i]} for {server} server.");
            }
        }
        if ((type == TunnelType.Gue) != (port != 0)) return Refuse("gue tunnels require port, otherwise cannot have port.");
        if (type == TunnelType.Ipip && csum != TunnelChecksum.NoChecksum) return Refuse("ipip tunnels do not support checksum option.");
        if (type == TunnelType.Gre && csum == TunnelChecksum.RemoteChecksum) return Refuse("gre tunnels do not support remote checksum option.");
        return new Forwarding(method, type, (ushort)port, csum);

        Forwarding Refuse(string message)
        {
            Context.Report(ConfigErrorKind.GeneralError, message);
            return refused;
        }
    }
}
