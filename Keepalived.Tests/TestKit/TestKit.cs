using Serilog;
using Xunit.Abstractions;

namespace Keepalived.Actors.Runtime.TestKit;

/// <summary>
/// Base class of actor tests (Akka.TestKit.Xunit2's <c>TestKit</c>): a fresh actor system per
/// test, logging into the test output through <see cref="EventFilter"/>, fault injection in
/// <see cref="Faults"/>, and with <c>virtualTime: true</c> a <see cref="Scheduler"/> that only
/// moves on <see cref="TestScheduler.Advance"/>. The system is terminated on dispose.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static int s_systems;

    protected TestKit(ITestOutputHelper? output = null, bool virtualTime = false, ActorSystemSettings? settings = null)
        : this(Build(output, virtualTime, settings)) { }

    private TestKit((ActorSystem System, TestLogSink Sink, FaultInjector Faults, TestScheduler? Scheduler) setup)
        : base(setup.System, "testActor")
    {
        LogSink = setup.Sink;
        Faults = setup.Faults;
        VirtualScheduler = setup.Scheduler;
        EventFilter = new EventFilterFactory(setup.Sink, DefaultTimeout);
        // As in Akka.TestKit: Tell from the test's own thread has TestActor as sender.
        ActorCell.ThreadImplicitSender = TestActor;
    }

    public EventFilterFactory EventFilter { get; }

    public TestLogSink LogSink { get; }

    public FaultInjector Faults { get; }

    /// <summary>The virtual clock; only for tests created with <c>virtualTime: true</c>.</summary>
    public TestScheduler Scheduler => VirtualScheduler
        ?? throw new InvalidOperationException("This test kit runs on real time; pass virtualTime: true");

    private TestScheduler? VirtualScheduler { get; }

    /// <summary>Advances virtual time (see <see cref="TestScheduler.Advance"/>).</summary>
    public void Advance(TimeSpan duration) => Scheduler.Advance(duration);

    private static (ActorSystem, TestLogSink, FaultInjector, TestScheduler?) Build(ITestOutputHelper? output,
        bool virtualTime, ActorSystemSettings? settings)
    {
        var sink = new TestLogSink(output);
        var faults = new FaultInjector();
        var scheduler = virtualTime ? new TestScheduler() : null;
        var logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        var effective = (settings ?? ActorSystemSettings.Default) with
        {
            Logger = logger,
            Interceptor = faults,
            TimeProvider = (TimeProvider?)scheduler ?? settings?.TimeProvider ?? TimeProvider.System,
        };
        var system = ActorSystem.Create($"test-{Interlocked.Increment(ref s_systems)}", effective);
        return (system, sink, faults, scheduler);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (ReferenceEquals(ActorCell.ThreadImplicitSender, TestActor)) ActorCell.ThreadImplicitSender = null;
        if (disposing && !Sys.Terminate().Wait(TimeSpan.FromSeconds(10)))
            throw new TestKitAssertionException($"{Sys} did not terminate within 10 s");
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
