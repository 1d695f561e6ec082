namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// A real server's view of its checkers (ipwrapper.c: update_svr_checker_state,
/// set_checker_state): it is alive while none of them is down, and its effective weight is the
/// configured weight plus each checker's share (misc_dynamic, FILE_CHECK). It holds its own copy
/// of each checker's state, told by the checkers, never theirs.
/// </summary>
public sealed class RealServerHealth
{
    private readonly bool[] _up;
    private readonly long[] _shares;

    /// <param name="initiallyUp">Each checker's state at start (down under alpha).</param>
    public RealServerHealth(long weight, IReadOnlyList<bool> initiallyUp)
    {
        Weight = weight;
        _up = initiallyUp.ToArray();
        _shares = new long[_up.Length];
    }

    public long Weight { get; set; }

    /// <summary>No checker is down (num_failed_checkers is 0); a server without checkers always is.</summary>
    public bool Healthy => Array.IndexOf(_up, false) < 0;

    /// <summary>Checker <paramref name="checker"/> is up, as the server last heard.</summary>
    public bool IsUp(int checker) => _up[checker];

    public long EffectiveWeight
    {
        get
        {
            var weight = Weight;
            foreach (var share in _shares) weight += share;
            return weight;
        }
    }

    /// <summary>
    /// What checker <paramref name="checker"/>'s report means for the server: a change of its
    /// health, or — for a first result equal to the checker's start state — only a notify, under
    /// alpha or for a failure.
    /// </summary>
    public HealthChange Apply(int checker, CheckerReport report, bool checkerAlpha)
    {
        if (!report.Changed)
            return !report.HadRun && (checkerAlpha || !report.Up) ? HealthChange.NotifyOnly : HealthChange.None;
        var wasHealthy = Healthy;
        _up[checker] = report.Up;
        return Healthy == wasHealthy ? HealthChange.None : report.Up ? HealthChange.Up : HealthChange.Down;
    }

    /// <summary>The checker's share of the weight changed; true when the effective weight did.</summary>
    public bool SetShare(int checker, long share)
    {
        if (_shares[checker] == share) return false;
        _shares[checker] = share;
        return true;
    }
}

public enum HealthChange
{
    None,
    Up,
    Down,
    NotifyOnly,
}
