using Serilog.Core;
using Serilog.Events;
using Xunit.Abstractions;

namespace Keepalived.Actors.Runtime.TestKit;

/// <summary>
/// The Serilog sink of a test's actor system: events matched by an active <see cref="EventFilter"/>
/// are counted and muted, the rest go to the test's output.
/// </summary>
public sealed class TestLogSink(ITestOutputHelper? output) : ILogEventSink
{
    private readonly Lock _lock = new();
    private readonly List<EventFilter> _filters = [];
    private readonly List<LogEvent> _events = [];

    /// <summary>Every event emitted so far (for assertions after the fact).</summary>
    public IReadOnlyList<LogEvent> Events
    {
        get { lock (_lock) return _events.ToArray(); }
    }

    public void Emit(LogEvent logEvent)
    {
        bool muted;
        lock (_lock)
        {
            _events.Add(logEvent);
            muted = false;
            foreach (var f in _filters)
                if (f.TryMatch(logEvent)) muted = true;
        }
        if (muted || output is null) return;
        try
        {
            var path = logEvent.Properties.TryGetValue("ActorPath", out var p) ? p.ToString().Trim('"') : "";
            output.WriteLine($"[{logEvent.Level}] {path} {logEvent.RenderMessage()}{(logEvent.Exception is null ? "" : " " + logEvent.Exception.GetType().Name + ": " + logEvent.Exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The test has already finished; xunit no longer takes its output.
        }
    }

    internal void Add(EventFilter filter)
    {
        lock (_lock) _filters.Add(filter);
    }

    internal void Remove(EventFilter filter)
    {
        lock (_lock) _filters.Remove(filter);
    }
}
