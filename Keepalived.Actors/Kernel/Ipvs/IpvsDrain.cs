using DesiredService = Keepalived.Actors.Kernel.Ipvs.IpvsActor.DesiredService;
using DrainKey = (Keepalived.Actors.Kernel.Ipvs.IpvsServiceKey Service, Keepalived.Actors.Kernel.Ipvs.IpvsDestinationKey Destination);

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// keepalived-net's drain before remove (HOCON <c>keepalived-net.check.drain-before-remove</c>, off by
/// default), as kube-proxy does for TCP: a destination its owner dropped from a service it still
/// wants first gets weight 0 (SET_DEST: its connections go on, no new ones are scheduled to it) and
/// is deleted only once the kernel, as dumped, shows it at weight 0 with no active connection, or
/// once <c>timeout</c> has passed since it began to drain. Applied to the <see cref="IpvsPlan"/> of
/// one owner, which it leaves as it is otherwise: the DEL_DESTs of services no longer wanted (the
/// whole virtual server removed) and everything at release still delete at once.
/// <list type="bullet">
/// <item>The SET_DEST takes the place of the DEL_DEST, and is sent only while the kernel's entry
/// differs from the owned one at weight 0; while it waits, no operation at all.</item>
/// <item>Deleting only after a dump has shown weight 0 closes the gap between reading the count
/// and the deletion: no connection can have been scheduled to it meanwhile. One already at weight
/// 0 and idle goes at once.</item>
/// <item>Only active connections count (ESTABLISHED TCP); inactive ones and persistence templates
/// do not, and a template can still send a known client to the weight-0 destination meanwhile.</item>
/// <item>A draining destination stays owned (released at stop). Wanted again, its DEL_DEST is no
/// longer planned, so it leaves <see cref="Draining"/> and the plan's SET_DEST gives its weight back;
/// gone from the kernel, or its service no longer wanted, it leaves as well.</item>
/// </list>
/// Pure: the clock is <c>now</c>, on any monotonic time line the draining set shares.
/// </summary>
/// <param name="Plan">The plan with the drain decisions in it; its owned entries keep the draining destinations.</param>
/// <param name="Draining">When each destination of a wanted service began to drain (or is being deleted), by service and destination.</param>
public sealed record IpvsDrain(IpvsPlan Plan, IReadOnlyDictionary<DrainKey, TimeSpan> Draining)
{
    public static IpvsDrain Create(IpvsPlan plan, IReadOnlyDictionary<IpvsServiceKey, DesiredService> inKernel,
        IReadOnlyDictionary<DrainKey, TimeSpan> draining, TimeSpan now, TimeSpan timeout)
    {
        var wanted = plan.Owned.Select(s => IpvsServiceKey.Of(s.Service)).ToHashSet();
        var operations = new List<IpvsOperation>(plan.Operations.Count);
        var next = new Dictionary<DrainKey, TimeSpan>();
        var kept = new Dictionary<IpvsServiceKey, List<IpvsDestination>>();
        foreach (var operation in plan.Operations)
        {
            if (operation is not { Command: IpvsCommand.DelDest, Destination: { } owned } || !wanted.Contains(operation.ServiceKey) ||
                !inKernel.TryGetValue(operation.ServiceKey, out var present))
            {
                operations.Add(operation);
                continue;
            }
            var key = IpvsDestinationKey.Of(owned);
            var since = draining.TryGetValue((operation.ServiceKey, key), out var began) ? began : now;
            // kept until the kernel no longer has it: a delete that fails goes on from the same start
            next[(operation.ServiceKey, key)] = since;
            // the plan deletes only what this table has
            var current = present.Destinations.First(d => IpvsDestinationKey.Of(d) == key);
            var idle = current.Weight == 0 && present.ActiveConnections.GetValueOrDefault(key) == 0;
            if (idle || now - since >= timeout)
            {
                operations.Add(operation);
                continue;
            }
            (kept.TryGetValue(operation.ServiceKey, out var list) ? list : kept[operation.ServiceKey] = []).Add(owned);
            var quiesced = owned with { Weight = 0 };
            if (!IpvsPlan.SameSettings(current, quiesced))
                operations.Add(operation with { Command = IpvsCommand.SetDest, Destination = quiesced });
        }
        // nothing waits: every operation is the plan's
        if (kept.Count == 0) return new IpvsDrain(plan, next);
        var ownedNow = plan.Owned.Select(s =>
            kept.TryGetValue(IpvsServiceKey.Of(s.Service), out var more) ? s with { Destinations = [.. s.Destinations, .. more] } : s).ToList();
        return new IpvsDrain(new IpvsPlan(operations, ownedNow), next);
    }
}
