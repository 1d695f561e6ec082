using Keepalived.Actors.Config.Global;
using System.Net.Sockets;
using Keepalived.Actors.Config.Parser;

namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// keepalived's checks once the VRRP configuration is read (vrrp_validate_config → start_vrrp →
/// vrrp_complete_init), as far as <c>-t</c> runs them. They print no line number: the file has
/// been closed by then. A failing check that makes keepalived give up stops the rest.
/// </summary>
internal sealed class VrrpValidator(VrrpParseState state)
{
    private VrrpConfig Config => state.Config;

    public void Validate()
    {
        var security = ScriptSecurity.For(state.Context);
        // keepalived stops the VRRP process at a non-existent interface (the global section
        // reports it): nothing else is checked, its scripts neither.
        security.HasVrrpInstances = Config.Instances.Count > 0 && !state.Interfaces.NonExistentSpecified;
        if (state.Interfaces.NonExistentSpecified) return;
        CheckScriptSecurity();
        foreach (var vrrp in Config.Instances)
            if (!CheckMinimal(vrrp)) return;
        foreach (var group in Config.SyncGroups.ToList())
        {
            if (group.Members is null)
            {
                Report(ConfigErrorKind.GeneralError, $"Sync group {group.Name} has no virtual router(s). removing");
                Config.SyncGroups.Remove(group);
            }
            else if (!SetSyncGroup(group))
                Config.SyncGroups.Remove(group);
        }
        var completer = new VrrpInstanceCompleter(state, this);
        foreach (var vrrp in Config.Instances)
            if (!completer.Complete(vrrp)) return;
        if (CheckVridConflicts()) return;
        SyncGroupTracking();
    }

    public void Report(ConfigErrorKind kind, string message) => state.Context.Parser.Diagnostics.ReportAt(kind, null, 0, message);

    public void Error(string message) => Report(ConfigErrorKind.GeneralError, message);

    /// <summary>
    /// check_vrrp_script_security: the global section's check runs over the VRRP process's
    /// scripts (it reports disabled track scripts and a security violation); track scripts that
    /// cannot run are then untracked.
    /// </summary>
    private void CheckScriptSecurity()
    {
        if (Config.Instances.Count == 0) return;
        Config.ScriptSecurityChecked = true;
        ScriptSecurity.For(state.Context).CheckVrrpScripts();
        foreach (var script in Config.Scripts)
            if (script.Script is { Disabled: true }) script.Disabled = true;
        bool Disabled(TrackedItem t) => t.Kind == TrackKind.Script && Config.FindScript(t.Name) is { Disabled: true };
        foreach (var vrrp in Config.Instances) vrrp.Tracks.RemoveAll(Disabled);
        foreach (var group in Config.SyncGroups) group.Tracks.RemoveAll(Disabled);
    }

    /// <summary>chk_min_cfg. (keepalived only knows an instance is unicast later, so one without interface always fails.)</summary>
    private bool CheckMinimal(VrrpInstance vrrp)
    {
        if (vrrp.VirtualRouterId == 0)
        {
            Error($"({vrrp.Name}) the virtual router id must be set");
            return false;
        }
        if (vrrp.Interface is null)
        {
            Error($"({vrrp.Name}) Unknown interface!");
            return false;
        }
        return true;
    }

    /// <summary>vrrp_sync_set_group: resolves the member names.</summary>
    private bool SetSyncGroup(VrrpSyncGroup group)
    {
        var members = 0;
        var groupState = VrrpState.Init;
        foreach (var name in group.Members!)
        {
            var vrrp = Config.FindInstance(name);
            if (vrrp is null)
            {
                Error($"Virtual router {name} specified in sync group {group.Name} doesn't exist - ignoring");
                continue;
            }
            if (vrrp.SyncGroup is not null)
            {
                Error($"Virtual router {name} cannot exist in more than one sync group; ignoring {group.Name}");
                continue;
            }
            vrrp.SyncGroup = group.Name;
            members++;
            if (groupState == VrrpState.Master && vrrp.State == VrrpState.Backup)
                Error($"Sync group {group.Name} has some member(s) as address owner and some not as address owner. This won't work.");
            if (groupState != VrrpState.Backup)
                groupState = vrrp.State == VrrpState.Master && vrrp.Priority == VrrpInstance.PriorityOwner ? VrrpState.Master : VrrpState.Backup;
        }
        if (members == 0)
        {
            Error($"Sync group {group.Name}, no matching virtual router found in group declaration - removing");
            return false;
        }
        if (members == 1)
            Error($"Sync group {group.Name} has only 1 virtual router(s) - this probably isn't what you want");
        return true;
    }

    /// <summary>check_vrid_conflicts: the same VRID twice on one interface and multicast group (or unicast peers).</summary>
    private bool CheckVridConflicts()
    {
        var hadError = false;
        var globals = state.Globals();
        var list = Config.Instances;
        for (var i = 0; i < list.Count; i++)
            for (var j = i + 1; j < list.Count; j++)
            {
                var (a, b) = (list[i], list[j]);
                if (a.Family != b.Family || a.VirtualRouterId != b.VirtualRouterId) continue;
                if (a.IsUnicast != b.IsUnicast) continue;
                if (a.IsUnicast)
                {
                    if (a.Interface is not null && b.Interface is not null && a.Interface != b.Interface) continue;
                    // Interfaces' own addresses are not known here: only configured source addresses compare.
                    if (a.SourceAddress is null || b.SourceAddress is null || !a.SourceAddress.Equals(b.SourceAddress)) continue;
                    if (!a.UnicastPeers.Any(p => b.UnicastPeers.Any(q => q.Address.Equals(p.Address)))) continue;
                    Error($"({a.Name}) duplicate VRID conflict with {b.Name} VRID {a.VirtualRouterId}");
                    hadError = true;
                    continue;
                }
                if (a.Interface != b.Interface) continue;
                var v4 = a.Family == AddressFamily.InterNetwork;
                var groupA = a.MulticastDestination ?? (v4 ? globals.McastGroup4 : globals.McastGroup6);
                var groupB = b.MulticastDestination ?? (v4 ? globals.McastGroup4 : globals.McastGroup6);
                if (!groupA.Equals(groupB)) continue;
                if (a.Interface is null || !state.Context.Host.InterfaceExists(a.Interface)) continue;
                Error($"{a.Name} and {b.Name} both use VRID {a.VirtualRouterId} with IPv{(v4 ? 4 : 6)} on interface {a.Interface}");
                hadError = true;
            }
        return hadError;
    }

    /// <summary>sync_group_tracking_init: a member with priority 255 makes the group's weights 0.</summary>
    private void SyncGroupTracking()
    {
        foreach (var group in Config.SyncGroups)
        {
            var members = Config.Instances.Where(v => v.SyncGroup == group.Name).ToList();
            if (members.Count == 0 || !members.Any(v => v.Priority == VrrpInstance.PriorityOwner)) continue;
            foreach (var kind in new[] { TrackKind.Script, TrackKind.File, TrackKind.Process, TrackKind.Bfd, TrackKind.Interface })
                foreach (var track in group.Tracks.Where(t => t.Kind == kind && t.Weight != 0))
                {
                    var (what, action) = kind switch
                    {
                        TrackKind.Script => ("script", "clearing weight"),
                        TrackKind.Interface => ("interface", "clearing weight"),
                        _ => (kind.ToString().ToLowerInvariant(), "setting weight 0"),
                    };
                    Error($"({group.Name}) Cannot have weighted track {what} '{track.Name}' with member having priority {VrrpInstance.PriorityOwner} - {action}");
                    track.Weight = 0;
                }
        }
    }
}
