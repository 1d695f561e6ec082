using Keepalived.Host;
using Serilog;
using Serilog.Events;

namespace Keepalived.Tests.Host;

public sealed class DeferredLoggerTests
{
    private static (Serilog.Core.Logger Logger, TestLogSink Sink) Real(LogEventLevel minimum = LogEventLevel.Debug)
    {
        var sink = new TestLogSink(null);
        return (new LoggerConfiguration().MinimumLevel.Is(minimum).WriteTo.Sink(sink).CreateLogger(), sink);
    }

    private static string? Property(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) ? ((ScalarValue)value).Value?.ToString() : null;

    [Fact]
    public void Writes_before_the_hand_over_are_held_and_arrive_in_order_with_their_own_time_and_context()
    {
        var deferred = new DeferredLogger(LogEventLevel.Information);
        ILogger log = deferred;
        var actor = log.ForContext("ActorPath", "/user/vrrp");
        var before = DateTimeOffset.Now;
        log.Information("Starting {Version}", "1.0");
        actor.Debug("below the level {X}", 1);
        actor.Warning("from an actor {Count}", 3);
        Assert.Equal(2, deferred.HeldCount);
        Assert.True(log.IsEnabled(LogEventLevel.Information));
        Assert.False(log.IsEnabled(LogEventLevel.Debug));
        var written = DateTimeOffset.Now;

        var (real, sink) = Real();
        deferred.Attach(real);

        Assert.Equal(["Starting \"1.0\"", "from an actor 3"], sink.Events.Select(e => e.RenderMessage()));
        Assert.All(sink.Events, e => Assert.InRange(e.Timestamp, before, written));
        Assert.Null(Property(sink.Events[0], "ActorPath"));
        Assert.Equal("/user/vrrp", Property(sink.Events[1], "ActorPath"));
        Assert.Equal(LogEventLevel.Warning, sink.Events[1].Level);
        Assert.Equal(0, deferred.HeldCount);
    }

    [Fact]
    public void After_the_hand_over_everything_goes_straight_through_with_the_real_level()
    {
        var deferred = new DeferredLogger(LogEventLevel.Information);
        ILogger log = deferred;
        var early = log.ForContext("ActorPath", "/a");
        var (real, sink) = Real(LogEventLevel.Warning);
        deferred.Attach(real);

        early.Warning("one {N}", 1);
        log.ForContext("ActorPath", "/b").Error(new InvalidOperationException("boom"), "two");
        log.Information("below the real level");

        Assert.Equal(0, deferred.HeldCount);
        Assert.Equal(["one 1", "two"], sink.Events.Select(e => e.RenderMessage()));
        Assert.Equal("/a", Property(sink.Events[0], "ActorPath"));
        Assert.Equal("/b", Property(sink.Events[1], "ActorPath"));
        Assert.IsType<InvalidOperationException>(sink.Events[1].Exception);
        Assert.False(log.IsEnabled(LogEventLevel.Information));
    }

    [Fact]
    public void Held_whole_events_are_handed_over_too()
    {
        var deferred = new DeferredLogger(LogEventLevel.Information);
        var template = new Serilog.Parsing.MessageTemplateParser().Parse("whole");
        deferred.Write(new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Error, null, template, []));
        var (real, sink) = Real();
        deferred.Attach(real);
        Assert.Equal(DateTimeOffset.UnixEpoch, Assert.Single(sink.Events).Timestamp);
    }

    [Fact]
    public void A_second_hand_over_is_refused()
    {
        var deferred = new DeferredLogger(LogEventLevel.Information);
        deferred.Attach(Real().Logger);
        Assert.Throws<InvalidOperationException>(() => deferred.Attach(Real().Logger));
    }

    [Fact]
    public void Writers_racing_the_hand_over_lose_nothing_and_keep_their_order()
    {
        const int writers = 4, each = 2000;
        var deferred = new DeferredLogger(LogEventLevel.Information);
        var (real, sink) = Real();
        using var start = new Barrier(writers + 1);
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            var log = ((ILogger)deferred).ForContext("Writer", w);
            start.SignalAndWait();
            for (var i = 0; i < each; i++) log.Information("{I}", i);
        })).ToList();
        threads.ForEach(t => t.Start());
        start.SignalAndWait();
        deferred.Attach(real);
        threads.ForEach(t => t.Join());

        Assert.Equal(writers * each, sink.Events.Count);
        foreach (var byWriter in sink.Events.GroupBy(e => Property(e, "Writer")))
            Assert.Equal(Enumerable.Range(0, each), byWriter.Select(e => (int)((ScalarValue)e.Properties["I"]).Value!));
    }
}
