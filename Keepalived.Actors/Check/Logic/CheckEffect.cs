using Keepalived.Actors.Config.Model;

namespace Keepalived.Actors.Check.Logic;

/// <summary>What the virtual server's logic asks the world for, besides its IPVS table, in order.</summary>
public abstract record CheckEffect
{
    /// <summary>Run a notify_up / notify_down / quorum_up / quorum_down script with exactly its configured words; while stopping, waited for up to a second.</summary>
    public sealed record RunScript(NotifyScript Script, bool Stopping) : CheckEffect;

    /// <summary>A line for the notify FIFOs: <c>RS [addr]:tcp:80 [vip]:tcp:80 UP</c>, <c>VS [vip]:tcp:80 DOWN</c>.</summary>
    public sealed record FifoLine(string Line) : CheckEffect;

    /// <summary>An operator-facing line with keepalived's wording.</summary>
    public sealed record Log(string Message) : CheckEffect;
}
