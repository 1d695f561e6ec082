using Akka.Configuration;
using Keepalived.Actors.Runtime;

namespace Keepalived.Tests.ActorTesting;

using Config = Akka.Configuration.Config;

/// <summary>
/// Base of the actor tests: Akka.TestKit.Xunit2's TestKit with the service's scheduler
/// (<see cref="ClockScheduler"/>) on a <see cref="VirtualClock"/> (<c>virtualTime: true</c>,
/// moved by <see cref="Advance"/>) or on the system clock, the VRRP dispatcher on the thread pool,
/// and a <see cref="FaultInjector"/> registered as the system's interceptor.
/// </summary>
public abstract class ActorTest : Akka.TestKit.Xunit2.TestKit
{
    /// <param name="virtualTime">Timers on a <see cref="VirtualClock"/>; else on the system clock.</param>
    /// <param name="eventLoop">The VRRP dispatcher on an event loop, as in the service; else on the thread pool.</param>
    /// <param name="config">HOCON that takes precedence over the test configuration.</param>
    protected ActorTest(ITestOutputHelper? output = null, bool virtualTime = false, bool eventLoop = false, string? config = null)
        : base(Build(virtualTime, eventLoop, config), output: output)
    {
        FaultInjection.Get(Sys).Interceptor = Faults;
        Logs = new LogCapture(Sys);
    }

    /// <summary>Every log event of the system, recorded as it is published.</summary>
    public LogCapture Logs { get; }

    private int _probes;

    /// <summary>A probe named after <paramref name="name"/>, unique in the system (rigs make several of a kind).</summary>
    public TestProbe Probe(string name) => CreateTestProbe($"{name}-{Interlocked.Increment(ref _probes)}");

    /// <summary>The actor at <paramref name="path"/> (it must exist).</summary>
    public IActorRef Resolve(string path) => Sys.ActorSelection(path).ResolveOne(RemainingOrDefault).GetAwaiter().GetResult();

    /// <summary>Fault injection for this test's system.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>The virtual clock; only for tests created with <c>virtualTime: true</c>.</summary>
    public VirtualClock Clock => ((ClockScheduler)Sys.Scheduler).Clock as VirtualClock
        ?? throw new InvalidOperationException("This test runs on real time; pass virtualTime: true");

    /// <summary>Moves virtual time on, firing the timers that fall due on the way.</summary>
    public void Advance(TimeSpan duration) => Clock.Advance(duration);

    private static Config Build(bool virtualTime, bool eventLoop, string? config)
    {
        var clock = virtualTime ? typeof(VirtualClock).AssemblyQualifiedName! : "system";
        // debug events are published, so tests can see them (LogCapture)
        var ours = ConfigurationFactory.ParseString("akka.loglevel = DEBUG").WithFallback(ActorSystemConfig.Test(clock, eventLoop));
        return config is null ? ours : ConfigurationFactory.ParseString(config).WithFallback(ours);
    }
}
