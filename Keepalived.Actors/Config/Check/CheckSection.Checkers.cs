using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>The checker blocks of a real server and the keywords they share (check_api.c).</summary>
public sealed partial class CheckSection
{
    private Checker? _checker;
    private ConnectionOptions? _co;

    /// <summary>CHECKER_GET_CURRENT (a detached checker once the current one was dropped).</summary>
    private Checker Current => _checker ??= new TcpChecker(Context.Here());

    /// <summary>CHECKER_GET_CO.</summary>
    private ConnectionOptions Co => _co ??= new ConnectionOptions();

    private void InstallCheckers(KeywordTable rs)
    {
        InstallMiscCheck(rs);
        InstallSmtpCheck(rs);
        rs.Block("TCP_CHECK", _ => Queue(new TcpChecker(Context.Here()), true), k => InstallCommon(k, true), CloseIfBadConnection);
        rs.Block("PING_CHECK", _ => Queue(new PingChecker(Context.Here()), true), k => InstallCommon(k, true), CloseIfBadConnection);
        InstallUdpCheck(rs);
        InstallHttpCheck(rs, "HTTP_GET");
        InstallHttpCheck(rs, "SSL_GET");
        InstallDnsCheck(rs);
        InstallFileCheck(rs);
        InstallBfdCheck(rs);
    }

    /// <summary>queue_checker: the checker joins the real server; its connection defaults to the real server.</summary>
    private T Queue<T>(T checker, bool connection) where T : Checker
    {
        if (connection) checker.Connection = new ConnectionOptions { Destination = Rs.Address };
        Rs.Checkers.Add(checker);
        _checker = checker;
        _co = checker.Connection;
        return checker;
    }

    /// <summary>dequeue_new_checker.</summary>
    private void Dequeue()
    {
        if (_checker is not null) Rs.Checkers.Remove(_checker);
        _checker = null;
        _co = null;
    }

    /// <summary>check_conn_opts: an IPv6 link-local destination needs bind_if.</summary>
    private bool ConnectionUsable(ConnectionOptions co)
    {
        if (co.Destination.Address is { IsIPv6LinkLocal: true } && string.IsNullOrEmpty(co.BindInterface))
        {
            Context.Report(ConfigErrorKind.GeneralError, $"Checker link local address {co.Destination.AddressText} requires a bind_if");
            return false;
        }
        return true;
    }

    private void CloseIfBadConnection()
    {
        if (!ConnectionUsable(Co)) Dequeue();
    }

    /// <summary>FMT_RS of the current real server.</summary>
    private string RsText => Rs.Address.Trio(Vs.Protocol);

    /// <summary>install_checker_common_keywords.</summary>
    private void InstallCommon(KeywordTable k, bool connection)
    {
        if (connection)
        {
            k.Add("connect_ip", t => Co.Destination = ReadEndpointAddress(t[1], Co.Destination, Co.BindTo, "connect_ip", "bindto"));
            k.Add("connect_port", t => { if (Unsigned(t, 1, 65535, true, v => $"Invalid checker connect_port '{v}'", out var value)) Co.Destination = Co.Destination.WithPort((ushort)value); });
            k.Add("bindto", t => Co.BindTo = ReadEndpointAddress(t[1], Co.BindTo, Co.Destination, "bindto", "connect_ip"));
            k.Add("bind_port", t => { if (Unsigned(t, 1, 65535, true, v => $"Invalid checker bind_port '{v}'", out var value)) Co.BindTo = Co.BindTo.WithPort((ushort)value); });
            k.Add("bind_if", t =>
            {
                // IFNAMSIZ - 1
                if (t[1].Length > 15) Context.Report(ConfigErrorKind.GeneralError, $"Interface name {t[1]} is too long - ignoring");
                else Co.BindInterface = t[1];
            });
            k.Add("connect_timeout", t => { if (Timer(t, 1, UIntMaxMicroseconds, v => $"connect_timeout {v} invalid - ignoring", out var value)) Co.ConnectTimeout = value; });
            k.Add("fwmark", t => { if (Unsigned(t, 0, uint.MaxValue, true, v => $"Invalid fwmark connection value '{v}'", out var value)) Co.Fwmark = value; });
        }
        k.Add("retry", t => { if (Unsigned(t, 0, uint.MaxValue, true, v => $"Invalid retry connection value '{v}'", out var value)) Current.Retry = value; });
        k.Add("delay_before_retry", t => { if (Timer(t, 0, 0, v => $"Invalid delay_before_retry connection value '{v}'", out var value)) Current.DelayBeforeRetry = value; });
        k.Add("warmup", t => { if (Timer(t, 0, 0, v => $"Invalid warmup connection value '{v}'", out var value)) Current.Warmup = value; });
        k.Add("delay_loop", t => { if (Timer(t, 1, 0, v => $"delay_loop '{v}' is invalid - ignoring", out var value)) Current.DelayLoop = value; });
        k.Add("alpha", t => { if (Flag(t, v => $"Invalid alpha parameter {v}", out var value)) Current.Alpha = value; });
        k.Add("log_all_failures", t => { if (Flag(t, v => $"Invalid log_all_failures parameter {v}", out var value)) Current.LogAllFailures = value; });
    }

    /// <summary>
    /// connect_ip / bindto: a bad address leaves the family unset (keepalived's sockaddr is
    /// marked AF_UNSPEC, its port kept); a family differing from the other end is dropped.
    /// </summary>
    private InetAddress ReadEndpointAddress(string text, InetAddress current, InetAddress other, string keyword, string otherKeyword)
    {
        var address = InetAddress.ParseAny(text);
        if (address is null)
        {
            Context.Report(ConfigErrorKind.GeneralError, $"Invalid {keyword} address {text} - ignoring");
            return new InetAddress(null, current.Port);
        }
        if (other.Family != AddressFamily.Unspecified && other.Family != address.AddressFamily)
        {
            Context.Report(ConfigErrorKind.GeneralError, $"{keyword} address {text} does not match address family of {otherKeyword} - skipping");
            return new InetAddress(null, current.Port);
        }
        return new InetAddress(address, current.Port);
    }

    // UDP_CHECK -------------------------------------------------------------------------------

    private void InstallUdpCheck(KeywordTable rs) => rs.Block("UDP_CHECK", _ => Queue(new UdpChecker(Context.Here()), true), k =>
    {
        InstallCommon(k, true);
        k.Add("payload", t =>
        {
            if (t.Count == 1)
            {
                Context.Report(ConfigErrorKind.GeneralError, "UDP_CHECK payload requires a payload");
                return;
            }
            var (data, _) = HexString.Read(string.Join(' ', t.From(1)), allowWildcards: false);
            Udp.Payload = data;
            if (data is null) Context.Report(ConfigErrorKind.GeneralError, "Invalid hex string for UDP_CHECK payload");
        });
        k.Add("require_reply", t =>
        {
            Udp.RequireReply = true;
            if (t.Count == 1) return;
            var (data, mask) = HexString.Read(string.Join(' ', t.From(1)), allowWildcards: true);
            if (data is null)
            {
                Context.Report(ConfigErrorKind.GeneralError, "Invalid hex string for UDP_CHECK reply");
                return;
            }
            Udp.ReplyData = data;
            Udp.ReplyMask = mask;
        });
        k.Add("min_reply_length", t => { if (Unsigned(t, 0, ushort.MaxValue, false, v => $"UDP_CHECK min length {v} not valid - must be between 0 & {ushort.MaxValue}", out var value)) Udp.MinReplyLength = value; });
        k.Add("max_reply_length", t => { if (Unsigned(t, 0, ushort.MaxValue, false, v => $"UDP_CHECK max length {v} not valid - must be between 0 & {ushort.MaxValue}", out var value)) Udp.MaxReplyLength = value; });
    }, () =>
    {
        if (!ConnectionUsable(Co))
        {
            Dequeue();
            return;
        }
        if (Udp.MinReplyLength > Udp.MaxReplyLength)
            Context.Report(ConfigErrorKind.GeneralError,
                $"UDP_CHECK min_reply length {Udp.MinReplyLength} > max_reply_length {Udp.MaxReplyLength} - will always fail");
    });

    private UdpChecker Udp => Current as UdpChecker ?? new UdpChecker(Context.Here());

    // DNS_CHECK -------------------------------------------------------------------------------

    private static readonly string[] DnsTypes = ["A", "NS", "CNAME", "SOA", "MX", "TXT", "AAAA", "RRSIG", "DNSKEY"];

    private DnsChecker Dns => Current as DnsChecker ?? new DnsChecker(Context.Here());

    private void InstallDnsCheck(KeywordTable rs) => rs.Block("DNS_CHECK", _ => Queue(new DnsChecker(Context.Here()), true), k =>
    {
        InstallCommon(k, true);
        k.Add("type", t =>
        {
            var type = DnsTypes.FirstOrDefault(d => string.Equals(d, t[1], StringComparison.OrdinalIgnoreCase));
            if (type is null) Context.Report(ConfigErrorKind.GeneralError, $"Unknown DNS check type {t[1]} - ignoring");
            else Dns.Type = type;
        });
        k.Add("name", t =>
        {
            if (Dns.Name is not null)
            {
                Context.Report(ConfigErrorKind.GeneralError, "DNS_CHECK name already specified - ignoring");
                return;
            }
            var name = t[1];
            if (DnsNameHasEmptyLabel(name))
            {
                Context.Report(ConfigErrorKind.GeneralError, $"DNS_CHECK name '{name}' has empty label - ignoring");
                return;
            }
            Dns.Name = name;
        });
    }, () =>
    {
        if (!ConnectionUsable(Co))
        {
            Dequeue();
            return;
        }
        Dns.Name ??= "";
    });

    /// <summary>
    /// keepalived's empty-label test: a leading '.' (unless the name is "."), or a '.' right
    /// after the first character or after any later '.'.
    /// </summary>
    private static bool DnsNameHasEmptyLabel(string name)
    {
        if (name.StartsWith('.') && name.Length > 1) return true;
        for (var p = 0; p >= 0; p = p + 1 < name.Length ? name.IndexOf('.', p + 1) : -1)
            if (p + 1 < name.Length && name[p + 1] == '.') return true;
        return false;
    }
}
