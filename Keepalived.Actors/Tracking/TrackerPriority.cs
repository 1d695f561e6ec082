using Keepalived.Actors.Config.Vrrp;

namespace Keepalived.Actors.Tracking;

/// <summary>
/// keepalived 2.2.7's tracking arithmetic (vrrp_track.c, track_file.c, vrrp.c), pure.
/// The total priority is the base priority plus every tracker's adjustment; the effective
/// priority is the total clamped to 1..254, and an address owner's (255) never changes.
/// </summary>
public static class TrackerPriority
{
    public const int Owner = VrrpInstance.PriorityOwner;

    /// <summary>A track_file status at or below this puts the instance in FAULT.</summary>
    public const int FileFault = -254;

    /// <summary>The largest adjustment one track_file makes.</summary>
    public const int FileMaximum = 253;

    /// <summary>keepalived's vrrp_set_effective_priority.</summary>
    public static int Effective(int basePriority, long totalPriority) =>
        basePriority == Owner ? Owner : (int)Math.Clamp(totalPriority, 1, Owner - 1);

    /// <summary>
    /// An up/down tracker (vrrp_script, track_interface, track_process, track_bfd).
    /// Weight 0: FAULT while down (while up with <paramref name="reverse"/>). Otherwise a
    /// positive weight counts while up and a negative one while down, the sign flipped by
    /// <paramref name="reverse"/>: keepalived adds weight × multiplier on the first report and
    /// ±|weight| × multiplier on each change after, which is the same thing.
    /// <paramref name="up"/> null: not known yet (a script before its first result), no adjustment.
    /// </summary>
    public static TrackerEffect ForState(int weight, bool reverse, bool? up)
    {
        if (up is not { } isUp)
            return weight == 0 ? TrackerEffect.Waiting : TrackerEffect.None;
        int multiplier = reverse ? -1 : 1;
        if (weight == 0)
            return isUp == !reverse ? TrackerEffect.None : TrackerEffect.Faulted;
        if (isUp ? weight > 0 : weight < 0)
            return TrackerEffect.Adjust(weight * multiplier);
        return TrackerEffect.None;
    }

    /// <summary>
    /// A track_file holding <paramref name="value"/>: weight 0 means FAULT on a non-zero value
    /// (on zero with <paramref name="reverse"/>); otherwise value × weight × multiplier, limited to
    /// −254..253, where −254 is FAULT (process_update_vrrp_track_file_status).
    /// </summary>
    public static TrackerEffect ForFile(int weight, bool reverse, long value)
    {
        if (weight == 0)
            return (value != 0) == !reverse ? TrackerEffect.Faulted : TrackerEffect.None;
        long status = Math.Clamp(value * weight * (reverse ? -1 : 1), FileFault, FileMaximum);
        return status == FileFault ? TrackerEffect.Faulted : TrackerEffect.Adjust((int)status);
    }

    /// <summary>
    /// vrrp_track_process: up while the number of matching processes is in quorum..quorum_max.
    /// </summary>
    public static bool HasQuorum(int count, int quorum, uint quorumMax) => count >= quorum && (uint)count <= quorumMax;
}
