namespace Keepalived.Actors.Config.Vrrp;

/// <summary>
/// The VRRP part of the configuration: tracked objects (vrrp_script, vrrp_track_process,
/// track_file), sync groups and instances, in the order they were defined.
/// </summary>
public sealed class VrrpConfig
{
    public List<VrrpScript> Scripts { get; } = [];
    public List<TrackedProcess> TrackProcesses { get; } = [];
    public List<TrackedFile> TrackFiles { get; } = [];
    public List<VrrpSyncGroup> SyncGroups { get; } = [];
    public List<VrrpInstance> Instances { get; } = [];

    /// <summary>Names of bfd_instance blocks that VRRP may track (filled by the BFD parser, if any).</summary>
    public HashSet<string> BfdInstances { get; } = new(StringComparer.Ordinal);

    /// <summary>lvs_sync_daemon_interface given (deprecated) inside a vrrp_instance: (interface, instance).</summary>
    public (string Interface, string Instance)? LvsSyncDaemon { get; set; }

    /// <summary>
    /// The VRRP checks got as far as keepalived's check_vrrp_script_security (there are instances
    /// and no non-existent interface stopped them): only then does keepalived's VRRP process
    /// check its scripts (and report a SECURITY VIOLATION for them).
    /// </summary>
    public bool ScriptSecurityChecked { get; set; }

    public VrrpScript? FindScript(string name) => Scripts.Find(s => s.Name == name);
    public TrackedProcess? FindProcess(string name) => TrackProcesses.Find(p => p.Name == name);
    public TrackedFile? FindFile(string name) => TrackFiles.Find(f => f.Name == name);
    public VrrpInstance? FindInstance(string name) => Instances.Find(i => i.Name == name);
    public VrrpSyncGroup? FindSyncGroup(string name) => SyncGroups.Find(g => g.Name == name);
}
