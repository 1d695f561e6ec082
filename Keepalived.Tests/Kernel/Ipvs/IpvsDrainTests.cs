using FsCheck;
using FsCheck.Fluent;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Libc;
using static Keepalived.Tests.Kernel.Ipvs.IpvsPlanTests;
using DesiredService = Keepalived.Actors.Kernel.Ipvs.IpvsActor.DesiredService;

namespace Keepalived.Tests.Kernel.Ipvs;

/// <summary>Drain before remove over a plan: weight 0 first, the delete once idle or timed out, nothing else changed.</summary>
public sealed class IpvsDrainTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Start = TimeSpan.FromHours(1);
    private static readonly IReadOnlyDictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan> None =
        new Dictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan>();

    private static readonly IpvsDestination Dropped = Web.Destinations[1];
    private static readonly DesiredService Kept = Web with { Destinations = [Web.Destinations[0]] };
    private static readonly (IpvsServiceKey, IpvsDestinationKey) DroppedKey = (IpvsServiceKey.Of(Web.Service), IpvsDestinationKey.Of(Dropped));

    /// <summary>The kernel's Web with <see cref="Dropped"/> at <paramref name="weight"/> and <paramref name="connections"/> active connections.</summary>
    private static DesiredService Kernel(int weight, uint connections) =>
        Web with
        {
            Destinations = [Web.Destinations[0], Dropped with { Weight = weight }],
            ActiveConnections = connections == 0 ? new Dictionary<IpvsDestinationKey, uint>() : new() { [IpvsDestinationKey.Of(Dropped)] = connections },
        };

    private static IpvsDrain Drain(DesiredService desired, DesiredService kernel, IReadOnlyList<DesiredService> owned,
        IReadOnlyDictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan> draining, TimeSpan now)
    {
        var inKernel = IpvsPlan.Index([kernel]);
        return IpvsDrain.Create(IpvsPlan.Create([desired], inKernel, owned), inKernel, draining, now, Timeout);
    }

    private static List<string> Ops(IpvsDrain drain) => drain.Plan.Operations.Select(o => o.ToString()).ToList();

    [Fact]
    public void A_dropped_destination_with_connections_gets_weight_0_in_place_of_its_delete_and_stays_owned()
    {
        var drain = Drain(Kept, Kernel(1, 3), [Web], None, Start);
        Assert.Equal(["SET_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 0"], Ops(drain));
        Assert.Equal(Web.Destinations, Assert.Single(drain.Plan.Owned).Destinations);
        Assert.Equal(Start, drain.Draining[DroppedKey]);
    }

    [Fact]
    public void While_connections_remain_nothing_is_sent_and_the_start_is_kept()
    {
        var draining = new Dictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan> { [DroppedKey] = Start };
        var drain = Drain(Kept, Kernel(0, 3), [Web], draining, Start + Timeout - TimeSpan.FromSeconds(1));
        Assert.Empty(drain.Plan.Operations);
        Assert.Equal(Start, drain.Draining[DroppedKey]);
        Assert.Equal(2, Assert.Single(drain.Plan.Owned).Destinations.Count);
        // weight put back behind its back: set to 0 again
        Assert.Equal(["SET_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 0"], Ops(Drain(Kept, Kernel(4, 3), [Web], draining, Start)));
    }

    [Fact]
    public void Deleted_once_idle_at_weight_0_or_once_the_timeout_passed()
    {
        var draining = new Dictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan> { [DroppedKey] = Start };
        var idle = Drain(Kept, Kernel(0, 0), [Web], draining, Start + TimeSpan.FromSeconds(1));
        Assert.Equal(["DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80"], Ops(idle));
        Assert.Equal([Kept], idle.Plan.Owned);
        // remembered until the kernel no longer has it: a failed delete keeps its start
        Assert.Equal(Start, idle.Draining[DroppedKey]);
        Assert.Empty(Drain(Kept, Kept, [Web], idle.Draining, Start + TimeSpan.FromSeconds(2)).Draining);

        Assert.Equal(["DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80"], Ops(Drain(Kept, Kernel(0, 3), [Web], draining, Start + Timeout)));
    }

    [Fact]
    public void Idle_and_already_at_weight_0_goes_at_once_but_idle_with_a_weight_first_gets_0()
    {
        Assert.Equal(["DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80"], Ops(Drain(Kept, Kernel(0, 0), [Web], None, Start)));
        // a connection may be scheduled to it between the dump and the delete: weight 0 first
        Assert.Equal(["SET_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 0"], Ops(Drain(Kept, Kernel(1, 0), [Web], None, Start)));
    }

    [Fact]
    public void Wanted_again_while_draining_gets_its_weight_back_and_leaves_the_drain()
    {
        var draining = new Dictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan> { [DroppedKey] = Start };
        var drain = Drain(Web, Kernel(0, 3), [Web], draining, Start + TimeSpan.FromSeconds(10));
        Assert.Equal(["SET_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 1"], Ops(drain));
        Assert.Empty(drain.Draining);
    }

    [Fact]
    public void A_service_no_longer_wanted_and_a_weight_0_still_wanted_are_left_to_the_plan()
    {
        var draining = new Dictionary<(IpvsServiceKey, IpvsDestinationKey), TimeSpan> { [DroppedKey] = Start };
        var inKernel = IpvsPlan.Index([Kernel(0, 3), Dns]);
        var removed = IpvsPlan.Create([Dns], inKernel, [Web, Dns]);
        var drain = IpvsDrain.Create(removed, inKernel, draining, Start, Timeout);
        Assert.Equal(removed, drain.Plan);
        Assert.Equal(["DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.2:80", "DEL_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80", "DEL_SERVICE TCP 10.0.0.1:80"],
            Ops(drain));
        Assert.Empty(drain.Draining);

        // inhibit_on_failure: the destination is still wanted, at weight 0
        var inhibited = Web with { Destinations = [Web.Destinations[0], Dropped with { Weight = 0 }] };
        var kept = Drain(inhibited, Kernel(1, 3), [Web], None, Start);
        Assert.Equal(["SET_DEST TCP 10.0.0.1:80 -> 10.0.0.3:80 masq weight 0"], Ops(kept));
        Assert.Empty(kept.Draining);
        Assert.Empty(Drain(inhibited, Kernel(0, 0), [inhibited], None, Start).Plan.Operations);
    }

    // ---- the property: applied rounds, with the fake kernel's rules ----

    [Fact]
    public void Drained_plans_delete_no_busy_destination_before_the_timeout_and_reach_the_plain_plans_table_once_idle()
    {
        Prop.ForAll<int>(seed =>
        {
            var random = new Random(seed);
            var kernel = RandomTable(random);
            var owned = RandomOwned(random, kernel);
            var desired = RandomTable(random);
            var busy = kernel.ToDictionary(s => IpvsServiceKey.Of(s.Service), s => s with
            {
                ActiveConnections = s.Destinations.Where(_ => random.Next(2) == 0).ToDictionary(d => IpvsDestinationKey.Of(d), _ => 1u),
            });
            var plain = IpvsPlan.Create(desired, busy, owned);
            var drain = IpvsDrain.Create(plain, busy, None, Start, Timeout);
            var wanted = desired.Select(s => IpvsServiceKey.Of(s.Service)).ToHashSet();

            // only DEL_DESTs of still wanted services change, and a busy one is never deleted
            var changed = plain.Operations.Where(o => o.Command == IpvsCommand.DelDest && wanted.Contains(o.ServiceKey)).ToHashSet();
            if (!drain.Plan.Operations.Where(o => !(o.Command == IpvsCommand.SetDest && changed.Any(c => Same(c, o))))
                    .SequenceEqual(plain.Operations.Where(o => !changed.Contains(o) || drain.Plan.Operations.Contains(o))))
                return false;
            if (drain.Plan.Operations.Any(o => changed.Contains(o) && busy[o.ServiceKey].ActiveConnections.ContainsKey(IpvsDestinationKey.Of(o.Destination!.Value))))
                return false;

            // applied, then idle: two more rounds reach the table the plain plan reaches
            var after = kernel.ToList();
            var (state, draining) = (drain.Plan.Owned, drain.Draining);
            if (drain.Plan.Operations.Any(o => FakeIpvsKernel.Change(after, o) != Errno.None)) return false;
            for (var round = 1; round <= 2; round++)
            {
                var next = IpvsDrain.Create(IpvsPlan.Create(desired, after, state), IpvsPlan.Index(after), draining, Start + TimeSpan.FromSeconds(round), Timeout);
                if (next.Plan.Operations.Any(o => FakeIpvsKernel.Change(after, o) != Errno.None)) return false;
                (state, draining) = (next.Plan.Owned, next.Draining);
            }
            var reference = kernel.ToList();
            foreach (var o in plain.Operations) FakeIpvsKernel.Change(reference, o);
            return draining.Count == 0 && SameTable(after, reference);
        }).Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static bool Same(IpvsOperation delete, IpvsOperation set) =>
        delete.ServiceKey == set.ServiceKey && IpvsDestinationKey.Of(delete.Destination!.Value) == IpvsDestinationKey.Of(set.Destination!.Value);

    private static bool SameTable(List<DesiredService> a, List<DesiredService> b) =>
        a.Count == b.Count && a.All(x => b.Any(y => x.Service == y.Service && x.Destinations.ToHashSet().SetEquals(y.Destinations)));
}
