using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Tracking;

/// <summary>What one tracker report changed for an instance.</summary>
/// <param name="TotalChanged">The total priority changed (the instance's state machine is to hear of it).</param>
/// <param name="FaultChanged">This tracker put the instance in or out of FAULT, for <paramref name="Reason"/>.</param>
public readonly record struct TrackingUpdate(bool TotalChanged, bool FaultChanged, bool Faulted, string Reason);

/// <summary>
/// Everything one vrrp_instance tracks (its own track_* lines and its sync group's) and the
/// current report of each, giving keepalived's total priority and fault reasons. Pure: the
/// instance feeds it the reports of the tracker actors and passes on what changed.
/// </summary>
public sealed class InstanceTracking
{
    private readonly Dictionary<(TrackKind, string), Entry> _entries = [];
    private readonly List<TrackedItem> _tracks = [];

    private sealed class Entry(TrackedItem item)
    {
        public TrackedItem Item { get; } = item;
        public TrackerEffect Effect { get; set; }
    }

    /// <param name="tracks">The instance's track lines, then its sync group's (see <see cref="For"/>).</param>
    public InstanceTracking(int basePriority, IEnumerable<TrackedItem> tracks)
    {
        BasePriority = basePriority;
        foreach (var track in tracks) Add(track);
        TotalPriority = basePriority;
    }

    /// <summary>
    /// The instance's tracks merged with its sync group's, as keepalived's add_vrrp_to_track_*
    /// do: an object tracked by both takes the group's weight (and direction, except for a
    /// process) unless the instance tracks it unweighted. Scripts that are disabled or unknown are
    /// left out, as keepalived removes them. The configuration checks have already dropped or
    /// zeroed the weights an address owner or a sync group without tracking_weight may not have.
    /// </summary>
    public static InstanceTracking For(VrrpConfig config, VrrpInstance instance)
    {
        var group = instance.SyncGroup is { } name ? config.FindSyncGroup(name) : null;
        var merged = new List<TrackedItem>();
        foreach (var track in instance.Tracks.Concat(group?.Tracks ?? []))
        {
            if (track.Kind == TrackKind.Script && config.FindScript(track.Name) is not { Disabled: false }) continue;
            var existing = merged.FindIndex(t => t.Kind == track.Kind && t.Name == track.Name);
            if (existing < 0) merged.Add(track);
            else if (merged[existing].Weight != 0)
            {
                var reverse = track.Kind == TrackKind.Process ? merged[existing].Reverse : track.Reverse;
                merged[existing] = new TrackedItem(track.Kind, track.Name, track.Weight, reverse);
            }
        }
        return new InstanceTracking(instance.Priority, merged);
    }

    public int BasePriority { get; }

    /// <summary>keepalived's total_priority: the base plus every tracker's adjustment.</summary>
    public int TotalPriority { get; private set; }

    public int EffectivePriority => TrackerPriority.Effective(BasePriority, TotalPriority);

    public IReadOnlyList<TrackedItem> Tracks => _tracks;

    /// <summary>A weight-0 script has not reported yet: keepalived keeps the instance from starting.</summary>
    public bool IsInitialising => _entries.Values.Any(e => e.Effect.Initialising);

    public bool IsFaulted => _entries.Values.Any(e => e.Effect.Fault);

    /// <summary>The fault reasons in force, one per faulting tracker.</summary>
    public IEnumerable<string> FaultReasons =>
        _entries.Values.Where(e => e.Effect.Fault).Select(e => ReasonOf(e.Item.Kind, e.Item.Name));

    public bool IsTracking(TrackKind kind, string name) => _entries.ContainsKey((kind, name));

    public TrackerEffect EffectOf(TrackKind kind, string name) =>
        _entries.TryGetValue((kind, name), out var e) ? e.Effect : TrackerEffect.None;

    /// <summary>The fault reason a tracker is reported under (unique per tracker).</summary>
    public static string ReasonOf(TrackKind kind, string name) => kind switch
    {
        TrackKind.Interface => $"track_interface {name}",
        TrackKind.Script => $"track_script {name}",
        TrackKind.File => $"track_file {name}",
        TrackKind.Process => $"track_process {name}",
        _ => $"track_bfd {name}",
    };

    /// <summary>A script, interface, process or BFD is up, down, or (null) not known yet.</summary>
    public TrackingUpdate SetState(TrackKind kind, string name, bool? up) =>
        Set(kind, name, item => TrackerPriority.ForState(item.Weight, item.Reverse, up));

    /// <summary>A track_file now holds <paramref name="value"/>.</summary>
    public TrackingUpdate SetFileValue(string name, long value) =>
        Set(TrackKind.File, name, item => TrackerPriority.ForFile(item.Weight, item.Reverse, value));

    private void Add(TrackedItem track)
    {
        if (_entries.ContainsKey((track.Kind, track.Name))) return;
        var entry = new Entry(track);
        // Nothing is known at first: an unweighted script holds the instance back until its first
        // result (keepalived's num_script_init), an unweighted process until the first scan (which
        // keepalived makes before any instance starts); links and files are read at once
        entry.Effect = track.Weight == 0 && track.Kind is TrackKind.Script or TrackKind.Process ? TrackerEffect.Waiting : TrackerEffect.None;
        _entries[(track.Kind, track.Name)] = entry;
        _tracks.Add(track);
    }

    private TrackingUpdate Set(TrackKind kind, string name, Func<TrackedItem, TrackerEffect> effectOf)
    {
        var reason = ReasonOf(kind, name);
        if (!_entries.TryGetValue((kind, name), out var entry)) return new(false, false, false, reason);
        var before = entry.Effect;
        var after = effectOf(entry.Item);
        entry.Effect = after;
        TotalPriority += after.Adjustment - before.Adjustment;
        return new(after.Adjustment != before.Adjustment, after.Fault != before.Fault, after.Fault, reason);
    }
}
