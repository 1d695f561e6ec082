using Serilog.Core;
using Serilog.Events;
using Xunit.Abstractions;

namespace Keepalived.Tests.ActorTesting;

/// <summary>A Serilog sink that keeps every event (for assertions after the fact) and writes it to the test's output.</summary>
public sealed class TestLogSink(ITestOutputHelper? output) : ILogEventSink
{
    private readonly Lock _lock = new();
    private readonly List<LogEvent> _events = [];

    /// <summary>Every event emitted so far.</summary>
    public IReadOnlyList<LogEvent> Events
    {
        get { lock (_lock) return _events.ToArray(); }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_lock) _events.Add(logEvent);
        if (output is null) return;
        try
        {
            output.WriteLine($"[{logEvent.Level}] {logEvent.RenderMessage()}{(logEvent.Exception is null ? "" : " " + logEvent.Exception.GetType().Name + ": " + logEvent.Exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The test has already finished; xunit no longer takes its output.
        }
    }
}
