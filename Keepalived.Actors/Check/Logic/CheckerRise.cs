namespace Keepalived.Actors.Check.Logic;

/// <summary>
/// keepalived-net's <c>rise</c> (HOCON <c>keepalived-net.check.rise</c>, off at 1): a checker
/// that is down comes back only after that many good results in a row, for every checker kind
/// (keepalived has it only as HTTP's list walk). Failures keep keepalived's own counting
/// (<c>retry</c>): rise only holds back the report that would bring the checker up.
/// </summary>
public static class CheckerRise
{
    public static CheckerStep Apply(CheckerProgress p, CheckerStep step, bool good, int rise)
    {
        p.GoodRun = good ? p.GoodRun + 1 : 0;
        if (rise <= 1 || step.Report is not { Up: true, Changed: true } || p.GoodRun >= rise) return step;
        // not yet: the checker stays down and the next good result reports again
        p.IsUp = false;
        return step with { Report = null };
    }
}
