using System.Collections.Concurrent;
using Keepalived.Actors.Check;
using Keepalived.Actors.Check.Probes;
using Keepalived.Actors.Config.Check;
using Keepalived.Actors.Kernel.Ipvs;
using Keepalived.Actors.Kernel.Netlink;
using Keepalived.Actors.Runtime;

namespace Keepalived.Tests.Check.Actors;

/// <summary>A probe whose target is healthy or not as the test says; it counts its runs.</summary>
public sealed class FakeProbe : IProbe
{
    private int _runs;
    public volatile bool Healthy = true;
    /// <summary>MISC_CHECK: the exit status to report.</summary>
    public volatile int ExitStatus;

    public int Runs => Volatile.Read(ref _runs);

    public Task<ProbeResult> RunAsync(int step, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult(Healthy ? new ProbeResult(ProbeVerdict.Success, null, ExitStatus) : ProbeResult.Fail("refused"));
    }
}

/// <summary>Forwards everything to a test probe, answering what the real leaf would answer.</summary>
internal sealed class StandIn : ReceiveActor
{
    /// <param name="answerTables">false: desired states are never answered (an IPVS leaf that hangs).</param>
    public StandIn(IActorRef probe, bool answerTables = true)
    {
        Receive<IpvsActor.DesiredState>(d =>
        {
            probe.Forward(d);
            if (answerTables) Sender.Tell(new IpvsActor.Applied(d.Owner, []));
        });
        Receive<IpvsActor.ReleaseAll>(r =>
        {
            probe.Forward(r);
            Sender.Tell(IpvsActor.Released.Clean);
        });
        Receive<IpvsActor.Forget>(f =>
        {
            probe.Forward(f);
            Sender.Tell(IpvsActor.Released.Clean);
        });
        Receive<IpvsActor.Subscribe>(_ => { });
        ReceiveAny(probe.Forward);
    }

    public static Props Props(IActorRef probe, bool answerTables = true) => FactoryProps.Create(() => new StandIn(probe, answerTables));
}

/// <summary>The checker subtree with stand-ins for IPVS and the notifier, and fake probes per real server address.</summary>
internal sealed class CheckRig
{
    public ConcurrentDictionary<string, FakeProbe> Probes { get; } = new();

    public FakeProbe ProbeOf(string address) => Probes.GetOrAdd(address, _ => new FakeProbe());

    /// <summary>The local addresses the stand-in address watcher reports at first (ha_suspend).</summary>
    public HashSet<System.Net.IPAddress> LocalAddresses { get; } = [];

    /// <summary>false: the IPVS stand-in never answers a desired state.</summary>
    public bool IpvsAnswers { get; set; } = true;

    public CheckLeafProps Leaves(IActorRef ipvs, IActorRef notify) => new(
        _ => StandIn.Props(ipvs, IpvsAnswers),
        (_, _) => StandIn.Props(notify),
        (checker, rs, _, _, _) => ProbeOf(rs.Address.AddressText),
        () => FactoryProps.Create(() => new AddressesStandIn(LocalAddresses)));

    public static CheckerManagerActor.Settings Settings => new(CheckOptions.Default, Random: () => 0);

    /// <summary>The destinations of the only service of a desired state, as "address:port weight".</summary>
    public static List<string> Destinations(IpvsActor.DesiredState state) =>
        Assert.Single(state.Services).Destinations.Select(d => $"{d.Address}:{d.Port} {d.Weight}").ToList();
}

/// <summary>Answers a subscription with the addresses the test gave.</summary>
internal sealed class AddressesStandIn : ReceiveActor
{
    public AddressesStandIn(HashSet<System.Net.IPAddress> addresses) =>
        Receive<AddressWatcherActor.Subscribe>(s => s.Subscriber.Tell(new AddressWatcherActor.LocalAddresses(addresses.ToHashSet())));
}
