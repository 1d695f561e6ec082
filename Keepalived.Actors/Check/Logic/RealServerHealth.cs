namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// A real server's view of its checkers (ipwrapper.c: update_svr_checker_state,
/// set_checker_state): it is alive while none of them is down, and its effective weight is the
/// configured weight plus each checker's share (misc_dynamic, FILE_CHECK).
/// </summary>
public sealed class RealServerHealth(long weight, IReadOnlyList<CheckerProgress> checkers)
{
    public long Weight { get; set; } = weight;
    public IReadOnlyList<CheckerProgress> Checkers { get; } = checkers;

    /// <summary>No checker is down (num_failed_checkers is 0); a server without checkers always is.</summary>
    public bool Healthy
    {
        get
        {
            foreach (var c in Checkers)
                if (!c.IsUp) return false;
            return true;
        }
    }

    public long EffectiveWeight
    {
        get
        {
            var weight = Weight;
            foreach (var c in Checkers) weight += c.WeightShare;
            return weight;
        }
    }

    /// <summary>
    /// What a checker's report means for the server: a change of its health, or — for a first
    /// result equal to the checker's start state — only a notify, under alpha or for a failure.
    /// </summary>
    public HealthChange Apply(CheckerReport report, bool checkerAlpha)
    {
        if (!report.Changed)
            return !report.HadRun && (checkerAlpha || !report.Up) ? HealthChange.NotifyOnly : HealthChange.None;
        // the checker has taken its new state already: the server follows when it is the last to agree
        return report.Up ? Healthy ? HealthChange.Up : HealthChange.None : DownCount() == 1 ? HealthChange.Down : HealthChange.None;
    }

    private int DownCount()
    {
        var count = 0;
        foreach (var c in Checkers)
            if (!c.IsUp) count++;
        return count;
    }
}

public enum HealthChange
{
    None,
    Up,
    Down,
    NotifyOnly,
}
