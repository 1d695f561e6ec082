using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config.Hocon;

namespace Keepalived.Actors.Check;

/// <summary>
/// keepalived-net's own health-check settings (HOCON <c>keepalived-net.check</c>): the safety
/// caps every probe has (keepalived has none: a peer that trickles a byte per connect_timeout
/// keeps its HTTP check alive for ever), and what goes beyond keepalived, each off by default.
/// </summary>
/// <param name="Rise">Good results in a row a down checker needs to come back (1: keepalived's rule).</param>
/// <param name="ShareIdenticalProbes">Checkers with the same target and parameters share one probe (keepalived #2111).</param>
/// <param name="DrainTimeout">
/// drain-before-remove: a destination its virtual server drops (a failed real server) drains
/// (weight 0) until it has no active connection, for at most this long, before it is deleted;
/// null: deleted at once (keepalived).
/// </param>
/// <param name="MaxProbesInFlight">The most probes running at once (<see cref="ProbeGate"/>); 0: a quarter of the descriptor limit, within [64, 4096].</param>
public sealed record CheckOptions(ProbeLimits Limits, int Rise = 1, bool ShareIdenticalProbes = false, TimeSpan? DrainTimeout = null,
    int MaxProbesInFlight = 0)
{
    public static CheckOptions Default { get; } = new(new ProbeLimits());

    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromMinutes(5);

    /// <summary>drain-timeout's bounds: a drain never waits for ever, and at least one look at the connections.</summary>
    public static readonly TimeSpan MinDrainTimeout = TimeSpan.FromSeconds(1), MaxDrainTimeout = TimeSpan.FromHours(1);

    public static CheckOptions From(HoconConfig settings)
    {
        var maxTime = settings.GetTimeSpan("keepalived-net.check.max-probe-time", TimeSpan.Zero);
        var limits = new ProbeLimits(
            (int)Math.Clamp(settings.GetByteSize("keepalived-net.check.max-response-bytes", 1 << 20) ?? (1 << 20), 4096, int.MaxValue),
            maxTime > TimeSpan.Zero ? maxTime : null,
            settings.GetBoolean("keepalived-net.check.verify-tls"));
        return new CheckOptions(limits,
            Math.Max(1, settings.GetInt("keepalived-net.check.rise", 1)),
            settings.GetBoolean("keepalived-net.check.share-identical-probes"),
            settings.GetBoolean("keepalived-net.check.drain-before-remove") ? ReadDrainTimeout(settings) : null,
            Math.Max(0, settings.GetInt("keepalived-net.check.max-probes-in-flight", 0)));
    }

    /// <summary>The gate every probe of the health checker runs behind.</summary>
    public ProbeGate Gate() => new(MaxProbesInFlight > 0 ? MaxProbesInFlight : ProbeGate.DefaultCapacity(ProbeGate.DescriptorLimit()));

    /// <summary>drain-timeout within [<see cref="MinDrainTimeout"/>, <see cref="MaxDrainTimeout"/>]; 0 and infinite are not "for ever".</summary>
    private static TimeSpan ReadDrainTimeout(HoconConfig settings)
    {
        var timeout = settings.GetTimeSpan("keepalived-net.check.drain-timeout", DefaultDrainTimeout);
        if (timeout == Timeout.InfiniteTimeSpan) return MaxDrainTimeout;
        return timeout < MinDrainTimeout ? MinDrainTimeout : timeout > MaxDrainTimeout ? MaxDrainTimeout : timeout;
    }
}
