using Keepalived.Actors.Check.Probes;
using Keepalived.Tests.ActorTesting;
using Keepalived.Tests.Check.Actors;
using Keepalived.Tests.Check.Logic;

namespace Keepalived.Tests.Check.Probes;

/// <summary>share-identical-probes: one target in several virtual servers is probed once per period.</summary>
public sealed class ProbeSharingTests
{
    private static (Keepalived.Actors.Config.Check.VirtualServer A, Keepalived.Actors.Config.Check.VirtualServer B) TwoVirtualServers()
    {
        var a = VirtualServerModelTests.Load("", servers: 1, head: "virtual_server 10.0.0.1 80");
        var b = VirtualServerModelTests.Load("", servers: 1, head: "virtual_server 10.0.0.2 80");
        return (a, b);
    }

    [Fact]
    public async Task Identical_checks_of_one_target_share_a_fresh_result()
    {
        var clock = new VirtualClock();
        var sharing = new ProbeSharing(clock);
        var (a, b) = TwoVirtualServers();
        var inner = new FakeProbe();
        var made = 0;
        IProbe Make() { made++; return inner; }
        var pa = sharing.For(a.RealServers[0].Checkers[0], a.RealServers[0], a, Make)!;
        var pb = sharing.For(b.RealServers[0].Checkers[0], b.RealServers[0], b, Make)!;
        Assert.Same(pa, pb);
        Assert.Equal(1, made);

        await pa.RunAsync(0, default);
        await pb.RunAsync(0, default);
        Assert.Equal(1, inner.Runs);
        Assert.Equal(1, sharing.Saved);
        // half the delay_loop (6 s) later the result is stale: probed again
        clock.Advance(TimeSpan.FromSeconds(3));
        await pb.RunAsync(0, default);
        Assert.Equal(2, inner.Runs);
    }

    [Fact]
    public void Different_targets_are_not_shared()
    {
        var sharing = new ProbeSharing(new VirtualClock());
        var vs = VirtualServerModelTests.Load("", servers: 2);
        var made = 0;
        IProbe Make() { made++; return new FakeProbe(); }
        var p1 = sharing.For(vs.RealServers[0].Checkers[0], vs.RealServers[0], vs, Make);
        var p2 = sharing.For(vs.RealServers[1].Checkers[0], vs.RealServers[1], vs, Make);
        Assert.NotSame(p1, p2);
        Assert.Equal(2, made);
    }
}
