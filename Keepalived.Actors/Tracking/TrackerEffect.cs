namespace Keepalived.Actors.Tracking;

/// <summary>
/// What one tracked object does to one VRRP instance right now: an adjustment of its total
/// priority, FAULT, or (a weight-0 vrrp_script that has not finished its first run) holding the
/// instance back until it reports, as keepalived's num_script_init does.
/// </summary>
public readonly record struct TrackerEffect(int Adjustment, bool Fault, bool Initialising)
{
    public static readonly TrackerEffect None = default;
    public static readonly TrackerEffect Faulted = new(0, true, false);
    public static readonly TrackerEffect Waiting = new(0, false, true);

    public static TrackerEffect Adjust(int adjustment) => new(adjustment, false, false);
}
