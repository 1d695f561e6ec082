using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Check;

/// <summary>
/// The checks keepalived makes once the checker configuration is read (link_vsg_to_vs and
/// validate_check_config): virtual servers without real servers are dropped, defaults are
/// filled in, and inconsistencies corrected. Its reports carry no line number, as keepalived's.
/// </summary>
internal sealed class CheckValidator(SectionContext context, CheckConfig config)
{
    /// <summary>Addresses of one virtual server's real servers (reused from one virtual server to the next).</summary>
    private readonly HashSet<InetAddress> _seen = [];

    private void Report(string message) => context.Parser.Diagnostics.ReportAt(ConfigErrorKind.GeneralError, null, 0, message);

    public void Run()
    {
        LinkGroups();
        foreach (var vs in config.VirtualServers.ToList())
            if (!CheckVirtualServer(vs)) config.VirtualServers.Remove(vs);
        foreach (var vs in config.VirtualServers)
            foreach (var rs in vs.RealServers)
                foreach (var checker in rs.Checkers)
                    CheckerDefaults(rs, checker);
    }

    /// <summary>link_vsg_to_vs: group names resolved, families matched, member numbers as ports.</summary>
    private void LinkGroups()
    {
        foreach (var vs in config.VirtualServers.Where(v => v.GroupName is not null).ToList())
        {
            var group = config.VirtualServerGroups.FirstOrDefault(g => g.Name == vs.GroupName);
            if (group is null)
            {
                context.Parser.Log($"Virtual server group {vs.GroupName} specified but not configured - ignoring virtual server {vs}");
                config.VirtualServers.Remove(vs);
                continue;
            }
            vs.Group = group;
            var groupFamily = group.HaveIpv4 == group.HaveIpv6 ? AddressFamily.Unspecified
                : group.HaveIpv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            string? problem =
                group.HaveIpv4 && group.HaveIpv6 && vs.Family != AddressFamily.Unspecified ? "virtual server group with IPv4 & IPv6 doesn't match"
                : (group.HaveIpv4 && vs.Family == AddressFamily.InterNetworkV6) || (group.HaveIpv6 && vs.Family == AddressFamily.InterNetwork) ? "address family doesn't match"
                : groupFamily != AddressFamily.Unspecified && vs.Family != AddressFamily.Unspecified && vs.Family != groupFamily ? "address family doesn't match"
                : null;
            if (problem is not null)
            {
                context.Parser.Log($"{vs.GroupName}: {problem} virtual server {vs} - ignoring");
                config.VirtualServers.Remove(vs);
            }
            else if (groupFamily != AddressFamily.Unspecified) vs.Family = groupFamily;
            else if (vs.Family == AddressFamily.Unspecified && group.FwmarkNoFamily)
                context.Parser.Log($"{vs.GroupName}: Virtual server {vs} address family cannot be determined, defaulting to IPv4");
        }
        foreach (var group in config.VirtualServerGroups)
        {
            ushort member = 0;
            foreach (var vs in config.VirtualServers.Where(v => v.GroupName == group.Name))
                vs.Address = vs.Address.WithPort(member++);
        }
    }

    /// <summary>One virtual server of validate_check_config; false to drop it.</summary>
    private bool CheckVirtualServer(VirtualServer vs)
    {
        if (vs.RealServers.Count == 0)
        {
            Report($"Virtual server {vs} has no real servers - ignoring");
            return false;
        }
        var group = vs.Group;
        var groupHasFwmarks = group is { Fwmarks.Count: > 0 };
        if (vs.HaSuspend && (vs.Fwmark != 0 || groupHasFwmarks))
        {
            Report($"Virtual server {vs}: cannot use ha_suspend with fwmarks - clearing ha_suspend");
            vs.HaSuspend = false;
        }
        if ((group is not null && group.AddressRanges.Count > 0) || (group is null && vs.Fwmark == 0))
        {
            if (vs.Protocol == LvsProtocol.None)
            {
                Report($"Virtual server {vs}: no protocol set - defaulting to UDP");
                vs.Protocol = LvsProtocol.Udp;
            }
            if (vs.Flags.HasFlag(ServiceFlags.OnePacket) && vs.Protocol != LvsProtocol.Udp)
            {
                Report($"Virtual server {vs}: one packet scheduling requires UDP - resetting");
                vs.Flags &= ~ServiceFlags.OnePacket;
            }
            if (vs.PersistenceTimeout == 0 && group is null && vs.Fwmark == 0 && vs.Address.Port == 0)
                SetPersistent(vs);
        }
        if (vs.PersistenceTimeout == 0 && group is not null && group.AddressRanges.Any(r => r.Port == 0))
            SetPersistent(vs);
        if (vs.Protocol != LvsProtocol.None
            && ((group is not null && group.AddressRanges.Count == 0 && groupHasFwmarks) || (group is null && vs.Fwmark != 0)))
        {
            Report($"Warning: Virtual server {vs}: protocol specified for fwmark - protocol will be ignored");
            vs.Protocol = LvsProtocol.None;
        }
        if (vs.Scheduler is null)
        {
            Report($"Virtual server {vs}: no scheduler set, setting default 'wlc'");
            vs.Scheduler = "wlc";
        }
        // smtp_alert defaults come from global_defs (smtp_alert_checker / smtp_alert), applied by the loader's caller.
        vs.SmtpAlert ??= false;
        CheckRealServers(vs);
        CheckPorts(vs);
        return true;
    }

    private void SetPersistent(VirtualServer vs)
    {
        Report($"Virtual server {vs}: zero port only valid for persistent services - setting");
        vs.PersistenceTimeout = CheckSection.DefaultPersistenceTimeout;
    }

    private void DefaultForwarding(VirtualServer vs, RealServer server)
    {
        if (server.Forwarding.Method != ForwardingMethod.Unset) return;
        if (vs.Forwarding.Method == ForwardingMethod.Unset)
        {
            Report($"Virtual server {vs}: no forwarding method set, setting default NAT");
            vs.Forwarding = vs.Forwarding with { Method = ForwardingMethod.Nat };
        }
        server.Forwarding = vs.Forwarding;
    }

    private void CheckRealServers(VirtualServer vs)
    {
        ulong weightSum = 0;
        // The addresses of the real servers kept so far: a later one with the same address goes.
        _seen.Clear();
        var servers = vs.RealServers;
        for (var i = 0; i < servers.Count; i++)
        {
            var rs = servers[i];
            if (!_seen.Add(rs.Address))
            {
                Report($"VS {vs}: real server {rs.Address.Trio(vs.Protocol)} is duplicated - removing second rs");
                servers.RemoveAt(i--);
                continue;
            }
            DefaultForwarding(vs, rs);
            rs.Alpha ??= vs.Alpha;
            rs.InhibitOnFailure ??= vs.InhibitOnFailure;
            rs.Retry ??= vs.Retry;
            rs.ConnectTimeout ??= vs.ConnectTimeout;
            rs.DelayLoop ??= vs.DelayLoop;
            rs.Warmup ??= vs.Warmup;
            rs.DelayBeforeRetry ??= vs.DelayBeforeRetry;
            rs.Weight ??= vs.Weight;
            // Without global smtp_alert settings a real server alerts (keepalived keeps this for compatibility).
            rs.SmtpAlert ??= true;
            weightSum += rs.Weight.Value;
            if (vs.SorryServer is { } ss && ss.Address == rs.Address)
            {
                var inhibit = rs.InhibitOnFailure.Value;
                if ((ss.InhibitOnFailure ?? false) != inhibit)
                {
                    Report($"Virtual server {vs}: real server {rs.Address.Trio(vs.Protocol)} matches sorry server, but inhibit setting differs, {(inhibit ? "sett" : "clear")}ing on sorry server");
                    ss.InhibitOnFailure = inhibit;
                }
            }
        }
        if (vs.SorryServer is { } sorry) DefaultForwarding(vs, sorry);
        if (vs.Quorum > weightSum)
        {
            var sum = (uint)Math.Min(weightSum, uint.MaxValue);
            Report($"Warning - quorum {vs.Quorum} for {vs} exceeds total weight of real servers {sum}, reducing quorum to {sum}");
            vs.Quorum = sum;
        }
        if (vs.Hysteresis >= vs.Quorum)
        {
            // quorum - 1 wraps for a quorum of 0, as in keepalived.
            var hysteresis = unchecked(vs.Quorum - 1);
            Report($"Virtual server {vs}: hysteresis {vs.Hysteresis} >= quorum {vs.Quorum}; setting hysteresis to {hysteresis}");
            vs.Hysteresis = hysteresis;
        }
    }

    /// <summary>Unless NAT, real (and sorry) servers use the virtual server's port, and none with fwmarks.</summary>
    private void CheckPorts(VirtualServer vs)
    {
        var ss = vs.SorryServer;
        bool Direct(RealServer r) => r.Forwarding.Method != ForwardingMethod.Nat;
        if (vs.Group is { } group)
        {
            if (group.Fwmarks.Count > 0)
            {
                foreach (var rs in vs.RealServers.Where(r => Direct(r) && r.Address.Port != 0))
                    Report($"WARNING - fwmark virtual server {vs}, real server {rs.Address.Trio(vs.Protocol)} has port specified - port will be ignored");
                if (ss is not null && Direct(ss) && ss.Address.Port != 0)
                    Report($"WARNING - fwmark virtual server {vs}, sorry server has port specified - port will be ignored");
            }
            foreach (var range in group.AddressRanges)
            {
                foreach (var rs in vs.RealServers.Where(r => Direct(r) && r.Address.Port != 0 && r.Address.Port != range.Port))
                    Report($"virtual server {vs}:[{range}] and real server {rs.Address.Trio(vs.Protocol)} ports don't match");
                if (ss is not null && Direct(ss) && ss.Address.Port != 0 && ss.Address.Port != range.Port)
                    Report($"WARNING - virtual server {vs}, sorry server has port specified - port will be ignored");
            }
            return;
        }
        var port = vs.Address.Port;
        foreach (var rs in vs.RealServers)
        {
            if (!Direct(rs))
            {
                if (vs.Fwmark == 0 && rs.Address.Port == 0) rs.Address = rs.Address.WithPort(port);
                continue;
            }
            if (vs.Fwmark != 0)
            {
                if (rs.Address.Port == 0) continue;
                Report($"WARNING - fwmark virtual server {vs}, real server {rs.Address.Trio(vs.Protocol)} has port specified - clearing");
                rs.Address = rs.Address.WithPort(0);
            }
            else if (rs.Address.Port == 0) rs.Address = rs.Address.WithPort(port);
            else if (rs.Address.Port != port)
            {
                Report($"WARNING - virtual server {vs} and real server {rs.Address.Trio(vs.Protocol)} ports don't match - resetting");
                rs.Address = rs.Address.WithPort(port);
            }
        }
        if (ss is null || !Direct(ss)) return;
        if (vs.Fwmark != 0)
        {
            if (ss.Address.Port == 0) return;
            Report($"WARNING - virtual server {vs}, sorry server has port specified - clearing");
            ss.Address = ss.Address.WithPort(0);
        }
        else if (ss.Address.Port == 0) ss.Address = ss.Address.WithPort(port);
        else if (ss.Address.Port != port)
        {
            Report($"WARNING - virtual server {vs} and sorry server ports don't match - resetting");
            ss.Address = ss.Address.WithPort(port);
        }
    }

    /// <summary>The checker's timing from the real server, else the checker's own defaults.</summary>
    private static void CheckerDefaults(RealServer rs, Checker checker)
    {
        checker.Alpha ??= rs.Alpha;
        if (!checker.Launched) return;
        checker.Retry ??= rs.Retry ?? checker.DefaultRetry;
        if (checker.Connection is { } co) co.ConnectTimeout ??= rs.ConnectTimeout;
        checker.DelayLoop ??= rs.DelayLoop;
        checker.Warmup ??= rs.Warmup ?? checker.DelayLoop;
        checker.DelayBeforeRetry ??= rs.DelayBeforeRetry ?? checker.DefaultDelayBeforeRetry ?? checker.DelayLoop;
    }
}
