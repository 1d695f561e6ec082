using DesiredService = Keepalived.Actors.Kernel.Ipvs.IpvsActor.DesiredService;

namespace Keepalived.Actors.Kernel.Ipvs;

/// <summary>
/// The kernel operations that turn one owner's part of the table into its desired state,
/// computed from the desired services, the kernel's table as dumped, and what the owner already
/// owns (created or adopted). Pure: no kernel, no clock.
/// <list type="bullet">
/// <item>Services owned but no longer desired go first: their owned destinations (in their
/// order), then DEL_SERVICE, as clear_service_vs does.</item>
/// <item>Then each desired service in order: NEW_SERVICE and its destinations in desired order
/// when the kernel lacks it; otherwise SET_SERVICE only when scheduler, flags, timeout, netmask
/// or persistence engine differ, then DEL_DEST of the owned destinations dropped, SET_DEST of
/// those whose settings differ, NEW_DEST of the missing ones (clear_diff_rs, then
/// init_service_rs).</item>
/// <item>An entry equal to the desired one gets no operation at all.</item>
/// <item>A service desired by the owner is claimed (adopted) when the kernel already has it, and
/// so are its desired destinations, their settings corrected (keepalived adopts by EEXIST and
/// keeps a stale weight). Nothing else the owner does not own is ever touched: other services,
/// and destinations not desired inside a claimed service, stay as they are.</item>
/// </list>
/// Duplicates in the desired list (same service or destination identity twice) count once, the first.
/// </summary>
public sealed record IpvsPlan(IReadOnlyList<IpvsOperation> Operations, IReadOnlyList<DesiredService> Owned)
{
    public static IpvsPlan Create(IReadOnlyList<DesiredService> desired, IReadOnlyList<DesiredService> kernel, IReadOnlyList<DesiredService> owned) =>
        Create(desired, Index(kernel), owned);

    /// <summary>The kernel's table by service identity, made once for the plans of every owner of one pass.</summary>
    public static Dictionary<IpvsServiceKey, DesiredService> Index(IReadOnlyList<DesiredService> kernel)
    {
        var inKernel = new Dictionary<IpvsServiceKey, DesiredService>(kernel.Count);
        foreach (var k in kernel) inKernel.TryAdd(IpvsServiceKey.Of(k.Service), k);
        return inKernel;
    }

    public static IpvsPlan Create(IReadOnlyList<DesiredService> desired, IReadOnlyDictionary<IpvsServiceKey, DesiredService> inKernel,
        IReadOnlyList<DesiredService> owned)
    {
        var wanted = Distinct(desired);
        var ownedByKey = new Dictionary<IpvsServiceKey, DesiredService>();
        foreach (var o in owned) ownedByKey.TryAdd(IpvsServiceKey.Of(o.Service), o);
        var wantedKeys = wanted.Select(w => IpvsServiceKey.Of(w.Service)).ToHashSet();
        var operations = new List<IpvsOperation>();

        foreach (var o in owned)
        {
            var key = IpvsServiceKey.Of(o.Service);
            if (wantedKeys.Contains(key) || !inKernel.TryGetValue(key, out var present)) continue;
            DeleteOwnedDestinations(operations, present, o.Destinations, keep: []);
            operations.Add(IpvsOperation.ForService(IpvsCommand.DelService, present.Service));
        }

        foreach (var w in wanted)
        {
            var key = IpvsServiceKey.Of(w.Service);
            if (!inKernel.TryGetValue(key, out var present))
            {
                operations.Add(IpvsOperation.ForService(IpvsCommand.NewService, w.Service));
                foreach (var d in w.Destinations)
                    operations.Add(IpvsOperation.ForDestination(IpvsCommand.NewDest, w.Service, d));
                continue;
            }
            if (!SameSettings(present.Service, w.Service))
                operations.Add(IpvsOperation.ForService(IpvsCommand.SetService, w.Service));
            var keep = w.Destinations.Select(d => IpvsDestinationKey.Of(d)).ToHashSet();
            if (ownedByKey.TryGetValue(key, out var mine))
                DeleteOwnedDestinations(operations, present, mine.Destinations, keep);
            var current = new Dictionary<IpvsDestinationKey, IpvsDestination>();
            foreach (var d in present.Destinations) current.TryAdd(IpvsDestinationKey.Of(d), d);
            foreach (var d in w.Destinations)
                if (current.TryGetValue(IpvsDestinationKey.Of(d), out var now) && !SameSettings(now, d))
                    operations.Add(IpvsOperation.ForDestination(IpvsCommand.SetDest, w.Service, d));
            foreach (var d in w.Destinations)
                if (!current.ContainsKey(IpvsDestinationKey.Of(d)))
                    operations.Add(IpvsOperation.ForDestination(IpvsCommand.NewDest, w.Service, d));
        }
        return new IpvsPlan(operations, wanted);
    }

    /// <summary>DEL_DEST of the owned destinations (in owned order) the kernel has and <paramref name="keep"/> does not name.</summary>
    private static void DeleteOwnedDestinations(List<IpvsOperation> operations, DesiredService present,
        IReadOnlyList<IpvsDestination> owned, HashSet<IpvsDestinationKey> keep)
    {
        var current = present.Destinations.Select(d => IpvsDestinationKey.Of(d)).ToHashSet();
        foreach (var d in owned)
        {
            var key = IpvsDestinationKey.Of(d);
            if (!keep.Contains(key) && current.Remove(key))
                operations.Add(IpvsOperation.ForDestination(IpvsCommand.DelDest, present.Service, d));
        }
    }

    /// <summary>The first of each service identity, each with the first of each destination identity.</summary>
    public static IReadOnlyList<DesiredService> Distinct(IReadOnlyList<DesiredService> services)
    {
        var seen = new HashSet<IpvsServiceKey>();
        var result = new List<DesiredService>(services.Count);
        foreach (var s in services)
        {
            if (!seen.Add(IpvsServiceKey.Of(s.Service))) continue;
            var dests = new HashSet<IpvsDestinationKey>();
            var unique = s.Destinations.Where(d => dests.Add(IpvsDestinationKey.Of(d))).ToList();
            result.Add(unique.Count == s.Destinations.Count ? s : s with { Destinations = unique });
        }
        return result;
    }

    /// <summary>What SET_SERVICE changes: scheduler, flags, persistence timeout, netmask, persistence engine.</summary>
    public static bool SameSettings(in IpvsService kernel, in IpvsService desired) =>
        kernel.Scheduler == desired.Scheduler && kernel.Flags == desired.Flags && kernel.Timeout == desired.Timeout &&
        kernel.Netmask == desired.Netmask &&
        string.IsNullOrEmpty(kernel.PersistenceEngine) == string.IsNullOrEmpty(desired.PersistenceEngine) &&
        (string.IsNullOrEmpty(kernel.PersistenceEngine) || kernel.PersistenceEngine == desired.PersistenceEngine);

    /// <summary>
    /// What SET_DEST changes: weight, forwarding method, thresholds, and for a tunnel its type,
    /// the port (GUE only) and the flags (GUE and GRE), the fields the kernel uses for it.
    /// </summary>
    public static bool SameSettings(in IpvsDestination kernel, in IpvsDestination desired)
    {
        if (kernel.Weight != desired.Weight || kernel.ForwardingMethod != desired.ForwardingMethod ||
            kernel.UpperThreshold != desired.UpperThreshold || kernel.LowerThreshold != desired.LowerThreshold)
            return false;
        if (desired.ForwardingMethod != IpvsForwardingMethod.Tunnel) return true;
        return kernel.TunnelType == desired.TunnelType &&
            (desired.TunnelType != IpvsTunnelType.Gue || kernel.TunnelPort == desired.TunnelPort) &&
            (desired.TunnelType == IpvsTunnelType.Ipip || kernel.TunnelFlags == desired.TunnelFlags);
    }
}
