namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// A checker's result as keepalived's update_svr_checker_state receives it: the new state and
/// the checker's state before it. The real server acts on a change; an unchanged first result
/// (<see cref="HadRun"/> false) only runs the notify script under alpha or for a failure.
/// </summary>
public readonly record struct CheckerReport(bool Up, bool WasUp, bool HadRun)
{
    public bool Changed => Up != WasUp;
}

/// <summary>
/// What one run of a checker led to: when the next run is due (<see cref="Delay"/>; MISC_CHECK
/// counts it from the start of the run that just ended, <see cref="FromStart"/>), the result to
/// report to the real server if any, and whether the checker's weight share changed.
/// </summary>
public readonly record struct CheckerStep(TimeSpan Delay, CheckerReport? Report = null, bool WeightChanged = false, bool FromStart = false);
